import db from '@adonisjs/lucid/services/db'

/**
 * Paris wall-clock time of UTC timestamp columns, as SQL, the same on
 * SQLite and PostgreSQL: which calendar day a session falls on (to compare
 * with an enrollment's dates) and which half-day it is (attendance sheets
 * count half-days, a session starting before 13:00 Paris time being a
 * morning one, as `ClassSession.halfDay` says).
 *
 * PostgreSQL knows the zone; SQLite has no time-zone data, so its offset is
 * the EU summer-time rule written out: UTC+2 from the last Sunday of March
 * at 01:00 UTC to the last Sunday of October at 01:00 UTC, UTC+1 otherwise
 * (the rule France has followed since 1996). SQLite timestamps are stored
 * as 'yyyy-MM-dd HH:mm:ss' text in UTC (see utcDateTime), so they compare
 * as text.
 */
function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}

/**
 * The Paris local timestamp of a UTC timestamp column.
 */
export function parisLocalSql(column: string) {
  if (isPostgres()) return `(${column} at time zone 'Europe/Paris')`
  const year = `strftime('%Y', ${column})`
  const summerStart = `(date(${year} || '-04-01', 'weekday 0', '-7 days') || ' 01:00:00')`
  const summerEnd = `(date(${year} || '-11-01', 'weekday 0', '-7 days') || ' 01:00:00')`
  const offset = `(case when ${column} >= ${summerStart} and ${column} < ${summerEnd} then '+2 hours' else '+1 hours' end)`
  return `datetime(${column}, ${offset})`
}

/**
 * The Paris calendar day of a UTC timestamp column: comparable with DATE
 * columns (`enrollments.starts_on`) and with 'yyyy-MM-dd' bindings.
 */
export function parisDaySql(column: string) {
  const local = parisLocalSql(column)
  return isPostgres() ? `cast(${local} as date)` : `date(${local})`
}

/**
 * A key naming the Paris half-day of a UTC timestamp column, e.g.
 * '2025-03-14m' (morning, before 13:00) or '2025-03-14a' (afternoon):
 * counting distinct keys counts half-days, however many sessions share one.
 */
export function parisHalfDayKeySql(column: string) {
  const local = parisLocalSql(column)
  if (isPostgres()) {
    return `(to_char(${local}, 'YYYY-MM-DD') || case when extract(hour from ${local}) < 13 then 'm' else 'a' end)`
  }
  return `(date(${local}) || case when cast(strftime('%H', ${local}) as integer) < 13 then 'm' else 'a' end)`
}
