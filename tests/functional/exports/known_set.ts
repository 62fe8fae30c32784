import { DateTime } from 'luxon'
import ExcelJS from 'exceljs'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import Trainee from '#models/trainee'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * Three enrollments of the own cohort with known exits and outcomes; the
 * world's session of today is removed so the hours do not depend on the
 * time of day (only yesterday's 3.5-hour session counts).
 */
export async function knownSet(side: Side) {
  await side.session.delete()
  const today = DateTime.now().setZone(PARIS).startOf('day')
  const exitOn = today
  const [a] = [side.enrollment]
  a.merge({ status: 'completed', exitOn, exitReason: 'completed' })
  await a.save()
  const makeTrainee = async (firstName: string, lastName: string) =>
    Trainee.create({
      organizationId: side.organization.id,
      firstName,
      lastName,
      birthDate: DateTime.fromISO('1990-04-12'),
      sex: 'male',
    })
  const tb = await makeTrainee('Bruno', 'Bernard')
  const tc = await makeTrainee('Chloé', 'Carpentier')
  const b = await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: tb.id,
    status: 'dropped_out',
    startsOn: side.cohort.startsOn,
    exitOn,
    exitReason: 'found_job',
  })
  const c = await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: tc.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
  })
  const outcome = (enrollment: Enrollment, checkpoint: string, fields: Partial<Outcome>) =>
    Outcome.create({
      organizationId: side.organization.id,
      enrollmentId: enrollment.id,
      checkpoint: checkpoint as Outcome['checkpoint'],
      observedOn: today,
      source: 'declared',
      ...fields,
    } as Partial<Outcome>)
  await outcome(a, 'exit', {
    situation: 'employed',
    contractType: 'cdi',
    contractStartOn: today.plus({ days: 10 }),
  })
  await outcome(b, 'exit', { situation: 'job_seeking' })
  await outcome(c, 'exit', { situation: 'training' })
  return { a, b, c, today, from: side.cohort.startsOn, to: today }
}

/**
 * The workbook read back with ExcelJS (a reader independent of the writer).
 */
export async function readWorkbook(bytes: Buffer | Uint8Array) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as any)
  return workbook
}

/**
 * The "Parcours" rows as objects keyed by header.
 */
export function parcoursRows(workbook: ExcelJS.Workbook) {
  const sheet = workbook.getWorksheet('Parcours')!
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String)
  const rows: Record<string, unknown>[] = []
  sheet.eachRow((row, number) => {
    if (number === 1) return
    const values = row.values as unknown[]
    rows.push(
      Object.fromEntries(headers.map((header, index) => [header, values[index + 1] ?? null]))
    )
  })
  return { headers, rows }
}
