import { DateTime, IANAZone } from 'luxon'
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

/**
 * Europe/Paris with its UTC offset remembered per hour. Luxon asks Intl for
 * the offset at every zoned step (each `setZone`, `startOf`, `plus`, `set`),
 * which made it most of the CPU time of a page listing a few dozen sessions.
 * Since 1996 Paris changes offset only on whole UTC hours (01:00 UTC, last
 * Sundays of March and October), so an hour's offset is the same all hour
 * long; earlier instants are asked to Intl as before.
 */
class ParisZone extends IANAZone {
  static readonly #memoFrom = Date.UTC(1996, 0, 1)
  static readonly #hour = 3_600_000
  readonly #offsets = new Map<number, number>()

  constructor() {
    super('Europe/Paris')
  }

  offset(ts: number): number {
    if (!(ts >= ParisZone.#memoFrom)) return super.offset(ts)
    const hour = Math.floor(ts / ParisZone.#hour)
    let offset = this.#offsets.get(hour)
    if (offset === undefined) {
      // A few years of hours at most in practice; never unbounded.
      if (this.#offsets.size >= 200_000) this.#offsets.clear()
      offset = super.offset(ts)
      this.#offsets.set(hour, offset)
    }
    return offset
  }
}

/**
 * The zone every date is shown in (a Luxon zone: pass it to `setZone` or
 * `{ zone }`; `PARIS.name` is 'Europe/Paris').
 */
export const PARIS = new ParisZone()

/**
 * The current moment in Paris, for "today" and "this week" questions.
 */
export function nowInParis() {
  return DateTime.now().setZone(PARIS)
}
