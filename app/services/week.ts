import { DateTime } from 'luxon'
import { PARIS } from '#services/sql_time'

/**
 * The Monday-to-Sunday week (Paris time) containing the given moment.
 */
export function parisWeek(at: DateTime = DateTime.now()) {
  const start = at.setZone(PARIS).startOf('week')
  return { start, end: start.plus({ weeks: 1 }) }
}
