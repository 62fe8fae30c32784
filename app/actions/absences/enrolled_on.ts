import type { DateTime } from 'luxon'
import type Enrollment from '#models/enrollment'
import { PARIS } from '#services/sql_time'

/**
 * Whether a trainee is expected at a session on this day: within the
 * enrollment's dates, from its start to its planned end and to the exit
 * of a trainee who left, both included (Paris calendar days) — the same
 * dates ComputeAttendance counts hours on.
 */
export function isEnrolledOn(
  enrollment: Pick<Enrollment, 'startsOn' | 'endsOn' | 'exitOn'>,
  at: DateTime
) {
  const day = at.setZone(PARIS).toISODate()!
  if (enrollment.startsOn.toISODate()! > day) return false
  if (enrollment.endsOn && enrollment.endsOn.toISODate()! < day) return false
  return !(enrollment.exitOn && enrollment.exitOn.toISODate()! < day)
}
