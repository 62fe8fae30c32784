import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type ClassSession from '#models/class_session'
import type { AttendanceStatus } from '#enums/attendance_status'
import type { SignatureMethod } from '#enums/signature_method'
import { utcDateTime } from '#models/utc_date_time'
import { PARIS } from '#services/sql_time'

/**
 * A trainee's attendance record at the session, as the roll call needs it.
 */
export type RollCallRecord = {
  id: number
  status: AttendanceStatus
  minutesMissed: number
  signedAt: DateTime | null
  signatureMethod: SignatureMethod | null
  signatureDevice: string | null
  signatureIp: string | null
  announcedAt: DateTime | null
}

/**
 * One line of the roll call: a trainee expected at the session and their
 * record there, if any. `key` names the line in the form (`rows[e12]`):
 * a prefix keeps the body parser from reading numeric keys as an array.
 */
export type RollCallRow = {
  key: string
  enrollmentId: number
  name: string
  userId: number | null
  record: RollCallRecord | null
}

export function rowKey(enrollmentId: number) {
  return `e${enrollmentId}`
}

/**
 * The Paris calendar day of a session, as enrollment dates are stored.
 */
export function sessionDay(session: ClassSession) {
  return session.startsAt.setZone(PARIS).toISODate()!
}

/**
 * The trainees expected at a session, with their records, in ONE query
 * whatever their number: the enrollments of the session's cohort that
 * cover its day — started on or before it, not ended nor exited before
 * it, and not dropped out without an exit date (then nobody knows since
 * when). `userId` narrows to one trainee's account (self-signing).
 */
export async function loadRollCallRows(
  session: ClassSession,
  options: { client?: QueryClientContract; userId?: number } = {}
): Promise<RollCallRow[]> {
  const day = sessionDay(session)
  const query = (options.client ?? db)
    .from('enrollments as e')
    .join('trainees as t', 't.id', 'e.trainee_id')
    .leftJoin('attendance_records as ar', (join) => {
      join.on('ar.enrollment_id', '=', 'e.id').andOnVal('ar.class_session_id', '=', session.id)
    })
    .where('e.organization_id', session.organizationId)
    .where('e.cohort_id', session.cohortId)
    .where('e.starts_on', '<=', day)
    .where((q) => q.whereNull('e.exit_on').orWhere('e.exit_on', '>=', day))
    .where((q) => q.whereNull('e.ends_on').orWhere('e.ends_on', '>=', day))
    .where((q) => q.whereNot('e.status', 'dropped_out').orWhereNotNull('e.exit_on'))
    .select(
      'e.id as enrollment_id',
      't.first_name',
      't.last_name',
      't.user_id',
      'ar.id as record_id',
      'ar.status',
      'ar.minutes_missed',
      'ar.signed_at',
      'ar.signature_method',
      'ar.signature_device',
      'ar.signature_ip',
      'ar.announced_at'
    )
    .orderBy('t.last_name', 'asc')
    .orderBy('t.first_name', 'asc')
    .orderBy('e.id', 'asc')
  if (options.userId !== undefined) query.where('t.user_id', options.userId)

  const rows = await query
  return rows.map((row: Record<string, any>) => ({
    key: rowKey(Number(row.enrollment_id)),
    enrollmentId: Number(row.enrollment_id),
    name: `${row.first_name} ${row.last_name}`.trim(),
    userId: row.user_id === null ? null : Number(row.user_id),
    record:
      row.record_id === null
        ? null
        : {
            id: Number(row.record_id),
            status: row.status,
            minutesMissed: Number(row.minutes_missed),
            signedAt: timestamp(row.signed_at),
            signatureMethod: row.signature_method,
            signatureDevice: row.signature_device,
            signatureIp: row.signature_ip,
            announcedAt: timestamp(row.announced_at),
          },
  }))
}

/**
 * A raw timestamp (text on SQLite, Date on PostgreSQL) read as UTC, the
 * way the models read it.
 */
function timestamp(value: unknown): DateTime | null {
  if (value === null || value === undefined) return null
  return utcDateTime.consume(value) as DateTime
}
