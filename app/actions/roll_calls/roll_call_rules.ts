import type { DateTime } from 'luxon'
import type { AttendanceStatus } from '#enums/attendance_status'
import { PARIS } from '#services/sql_time'

/**
 * The times that open and close attendance for a session, in one place:
 *
 * - the roll call and the trainees' own signatures open 15 minutes before
 *   the session starts (people arrive early; the trainer gets ready);
 * - trainees sign until the session ends, never after: a forgotten
 *   signature is then the trainer's or coordinator's roll call;
 * - the roll call stays open after the end, but any change to an existing
 *   record then is a correction, made with a reason and kept in the audit
 *   trail;
 * - a trainee signing more than 10 minutes after the start is late, by the
 *   minutes elapsed since the start.
 */
export const OPENS_BEFORE_START_MINUTES = 15
export const LATE_AFTER_MINUTES = 10

type Timed = { startsAt: DateTime; endsAt: DateTime }

export function opensAt(session: Timed) {
  return session.startsAt.minus({ minutes: OPENS_BEFORE_START_MINUTES })
}

export function isOpenYet(session: Timed, now: DateTime) {
  return now >= opensAt(session)
}

export function isOver(session: Timed, now: DateTime) {
  return now >= session.endsAt
}

/**
 * Whether a trainee may sign now: from the opening to the end.
 */
export function isSigningOpen(session: Timed, now: DateTime) {
  return isOpenYet(session, now) && !isOver(session, now)
}

/**
 * The status a trainee's own signature at `now` gives: present, or late
 * by the minutes since the start (never the whole session).
 */
export function statusWhenSigning(
  session: Timed & { durationMinutes: number },
  now: DateTime
): { status: AttendanceStatus; minutesMissed: number } {
  const elapsed = Math.floor(now.diff(session.startsAt, 'minutes').minutes)
  if (elapsed <= LATE_AFTER_MINUTES) return { status: 'present', minutesMissed: 0 }
  return { status: 'late', minutesMissed: Math.min(elapsed, session.durationMinutes - 1) }
}

/**
 * "09h45", Paris time.
 */
export function clock(value: DateTime) {
  return value.setZone(PARIS).toFormat("HH'h'mm")
}
