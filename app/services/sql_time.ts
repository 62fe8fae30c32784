import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * Timestamps are stored in UTC (Luxon's default zone is set to UTC at boot)
 * and shown in Paris time. Raw query conditions on timestamp columns take
 * their value through this helper, in the same format Lucid writes them.
 */
export function sqlDateTime(value: DateTime) {
  const format = db.connection().dialect.dateTimeFormat
  return value.toUTC().toFormat(format)
}

/**
 * Dates (without time) as stored by `@column.date()`.
 */
export function sqlDate(value: DateTime) {
  return value.toISODate()!
}

export const PARIS = 'Europe/Paris'

/**
 * The current moment in Paris, for "today" and "this week" questions.
 */
export function nowInParis() {
  return DateTime.now().setZone(PARIS)
}
