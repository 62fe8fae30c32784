import Holidays from 'date-holidays'
import { DateTime } from 'luxon'

/**
 * French public holidays by a site's department, from date-holidays.
 *
 * date-holidays knows the local days as states of 'FR':
 * - '57', '67', '68' (Moselle, Bas-Rhin, Haut-Rhin): Good Friday and
 *   26 December (the Alsace-Moselle law);
 * - overseas departments, by their two-letter code: the abolition of
 *   slavery day (and Good Friday in Guadeloupe and Martinique).
 * Any other department (including Corsica's '2A', '2B') gets the national
 * days. Only days of type `public` count: observances (Mother's Day…) and
 * optional days do not close the training centre.
 */
const STATES: Record<string, string> = {
  '57': '57',
  '67': '67',
  '68': '68',
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
  '977': 'BL',
  '978': 'MF',
}

/**
 * ISO date ('2026-05-14') → the holiday's French name ('Ascension').
 */
export type HolidayMap = Map<string, string>

const cache = new Map<string, HolidayMap>()

/**
 * The date-holidays state used for a department code, or null for the
 * national days only.
 */
export function holidayStateFor(departmentCode: string | null | undefined) {
  return (departmentCode && STATES[departmentCode.trim().toUpperCase()]) || null
}

/**
 * The public holidays of one year for a department, cached per
 * (state, year).
 */
export function publicHolidays(departmentCode: string | null | undefined, year: number) {
  const state = holidayStateFor(departmentCode)
  const key = `${state ?? 'FR'}:${year}`
  const cached = cache.get(key)
  if (cached) return cached

  const calendar = state
    ? new Holidays('FR', state, { languages: ['fr'] })
    : new Holidays('FR', { languages: ['fr'] })
  const days: HolidayMap = new Map()
  for (const holiday of calendar.getHolidays(year, 'fr')) {
    if (holiday.type !== 'public') continue
    const date = holiday.date.slice(0, 10)
    if (!days.has(date)) days.set(date, holiday.name)
  }
  cache.set(key, days)
  return days
}

/**
 * The public holidays between two dates (both included, ISO dates or Luxon
 * dates), for a department.
 */
export function holidaysBetween(
  departmentCode: string | null | undefined,
  from: string | DateTime,
  to: string | DateTime
) {
  const first = typeof from === 'string' ? from : from.toISODate()!
  const last = typeof to === 'string' ? to : to.toISODate()!
  const result: HolidayMap = new Map()
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    for (const [date, name] of publicHolidays(departmentCode, year)) {
      if (date >= first && date <= last) result.set(date, name)
    }
  }
  return result
}
