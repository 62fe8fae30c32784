import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import User from '#models/user'
import type { Side } from '#tests/helpers/world'
import { rowKey } from '#actions/roll_calls/roll_call_rows'

/**
 * A session of the side's cohort, taught by its trainer, that started
 * `startedAgo` minutes ago (negative: starts later) and lasts `minutes`.
 * Times are whole minutes.
 */
export async function sessionAround(
  side: Side,
  options: { startedAgo?: number; minutes?: number; extra?: Partial<ClassSession> } = {}
) {
  const start = DateTime.now()
    .startOf('minute')
    .minus({ minutes: options.startedAgo ?? 30 })
  return ClassSession.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    programmeModuleId: side.module.id,
    trainerId: side.users.trainer.id,
    startsAt: start,
    endsAt: start.plus({ minutes: options.minutes ?? 210 }),
    room: 'Salle 3',
    isCancelled: false,
    ...options.extra,
  })
}

let counter = 0

/**
 * A trainee enrolled in the side's cohort (from its first day unless
 * told), optionally with an account.
 */
export async function enrolTrainee(
  side: Side,
  lastName: string,
  options: { firstName?: string; account?: boolean; enrollment?: Partial<Enrollment> } = {}
) {
  counter++
  let userId: number | null = null
  let user: User | null = null
  if (options.account) {
    user = await User.create({
      organizationId: side.organization.id,
      fullName: `${options.firstName ?? 'Stagiaire'} ${lastName}`,
      email: `stagiaire${counter}.${lastName.toLowerCase()}@${side.organization.slug}.test`,
      password: 'password-123',
      role: 'trainee',
    })
    userId = user.id
  }
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    userId,
    firstName: options.firstName ?? 'Stagiaire',
    lastName,
    sex: 'female',
  })
  const enrollment = await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
    ...options.enrollment,
  })
  return { trainee, enrollment, user, key: rowKey(enrollment.id) }
}

/**
 * The roll call form body: one entry per line, keyed `e<enrollment id>`.
 */
export function rollCallBody(
  rows: Record<
    string,
    { status?: string; minutes?: string | number; paper?: boolean; seen?: string }
  >,
  extra: Record<string, unknown> = {}
) {
  const body: Record<string, unknown> = { ...extra }
  const lines: Record<string, Record<string, string>> = {}
  for (const [key, line] of Object.entries(rows)) {
    const entry: Record<string, string> = { seen: line.seen ?? 'none' }
    if (line.status !== undefined) entry.status = line.status
    if (line.minutes !== undefined) entry.minutes = String(line.minutes)
    if (line.paper) entry.paper = '1'
    lines[key] = entry
  }
  body.rows = lines
  return body
}
