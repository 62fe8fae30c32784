import { createRequire } from 'node:module'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { ApiRequest } from '@japa/api-client'
import AttendanceRecord from '#models/attendance_record'
import AuditEvent from '#models/audit_event'
import ClassSession from '#models/class_session'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * Files as a person would send them: a real PDF header, a PNG, a program
 * renamed to look like a PDF, a PDF too large.
 */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n')
export const PNG_BYTES = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
])
export const EXE_BYTES = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
  Buffer.alloc(512, 1),
])
export const SIX_MB_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(6 * 1024 * 1024, 0x20),
])

/**
 * A session of the side's cohort, `days` from today (negative: past), in
 * the morning (9:00–12:30) or the afternoon (13:30–17:00), Paris time.
 */
export async function sessionOn(
  side: Side,
  days: number,
  halfDay: 'morning' | 'afternoon' = 'morning',
  overrides: Partial<ClassSession> = {}
) {
  const day = DateTime.now().setZone(PARIS).startOf('day').plus({ days })
  const [start, end] =
    halfDay === 'morning'
      ? [day.set({ hour: 9 }), day.set({ hour: 12, minute: 30 })]
      : [day.set({ hour: 13, minute: 30 }), day.set({ hour: 17 })]
  return ClassSession.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    programmeModuleId: side.module.id,
    trainerId: side.users.trainer.id,
    startsAt: start,
    endsAt: end,
    room: 'Salle 2',
    isCancelled: false,
    ...overrides,
  })
}

/**
 * The side's trainee absent at a session (two days ago by default).
 */
export async function absence(
  side: Side,
  overrides: Partial<AttendanceRecord> = {},
  session?: ClassSession
) {
  const target = session ?? (await sessionOn(side, -2))
  return AttendanceRecord.create({
    organizationId: side.organization.id,
    classSessionId: target.id,
    enrollmentId: side.enrollment.id,
    status: 'absent',
    minutesMissed: 0,
    recordedById: side.users.trainer.id,
    ...overrides,
  })
}

/**
 * Every proof stored on the (fake) disk.
 */
export async function storedProofs() {
  const { objects } = await drive.use().listAll('attendance-proofs', { recursive: true })
  return [...objects].map((object) => ('key' in object ? object.key : object.prefix))
}

export function auditEventsOf(record: AttendanceRecord) {
  return AuditEvent.query()
    .where('subject_type', 'attendance_records')
    .where('subject_id', record.id)
    .orderBy('id', 'asc')
}

const require = createRequire(import.meta.url)
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Uint8Array
) => Promise<{ numpages: number; text: string }>

/**
 * A PDF read back: its page count and its text. pdf-parse's old pdf.js
 * misreads a Node Buffer: it is given a plain Uint8Array.
 */
export async function readPdf(bytes: Buffer) {
  return pdfParse(new Uint8Array(bytes))
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Lets the test client keep a spreadsheet's bytes (it only buffers the
 * content types it knows): `response.body()` is then a Buffer.
 */
export function bufferSpreadsheets() {
  ApiRequest.addParser(XLSX_MIME, (res, done) => {
    const chunks: Buffer[] = []
    const stream = res as unknown as NodeJS.ReadableStream
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => done(null, Buffer.concat(chunks)))
  })
}
