import { DateTime } from 'luxon'
import { PARIS } from '#services/sql_time'

/**
 * The Monday-to-Sunday week (Paris time) containing the given moment.
 */
export function parisWeek(at: DateTime = DateTime.now()) {
  const start = at.setZone(PARIS).startOf('week')
  return { start, end: start.plus({ weeks: 1 }) }
}

/**
 * The Monday (Paris time) of the week asked for in a `?semaine=YYYY-MM-DD`
 * parameter (any day of the week will do), or null when the value is
 * missing or not a real date between 2000 and 2100.
 */
export function askedWeekStart(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const day = DateTime.fromISO(value, { zone: PARIS })
  return day.isValid && day.year >= 2000 && day.year <= 2100 ? day.startOf('week') : null
}
