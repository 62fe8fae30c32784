import db from '@adonisjs/lucid/services/db'
import type { AttendanceStatus } from '#enums/attendance_status'

/**
 * The attendance rule for one trainee at one session (DESIGN.md "Hours"),
 * the only place it is written: pages, exports, jobs and SQL aggregates
 * all use these.
 *
 * - a session's minutes are its duration;
 * - attended minutes are the session's minutes minus the minutes missed
 *   when present or late (never below 0), and 0 when absent;
 * - a session without a roll call counts as not attended: it is listed for
 *   the coordinator as a missing roll call, never guessed.
 */
export function attendedMinutes(
  sessionMinutes: number,
  record: { status: AttendanceStatus; minutesMissed: number } | null
) {
  if (!record || record.status === 'absent') return 0
  return Math.max(0, sessionMinutes - Math.max(0, record.minutesMissed))
}

/**
 * The same rule as SQL, for aggregates: `session` and `record` are the
 * aliases of `class_sessions` and `attendance_records` (left-joined, so a
 * missing record gives 0). Works on SQLite and PostgreSQL.
 */
export function attendedMinutesSql(session = 'cs', record = 'ar') {
  return attendedFromMinutesSql(sessionMinutesSql(session), record)
}

/**
 * The same rule from the session's minutes given as SQL (a column already
 * computed, e.g. once per session in a CTE).
 */
export function attendedFromMinutesSql(minutes: string, record = 'ar') {
  const left = `(${minutes} - ${record}.minutes_missed)`
  return `(case when ${record}.status in ('present', 'late') and ${left} > 0 then ${left} else 0 end)`
}

/**
 * A session's duration in minutes, as SQL (timestamps stored in UTC).
 */
export function sessionMinutesSql(session = 'cs') {
  return `(${epochMinutes(`${session}.ends_at`)} - ${epochMinutes(`${session}.starts_at`)})`
}

function epochMinutes(column: string) {
  return db.connection().dialect.name === 'postgres'
    ? `(extract(epoch from ${column})::integer / 60)`
    : `(cast(strftime('%s', ${column}) as integer) / 60)`
}
