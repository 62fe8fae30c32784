import type { DateTime } from 'luxon'
import { PARIS } from '#services/sql_time'

/**
 * How a session's day and hours are said in French, in Paris time:
 * "mardi 1 décembre", "9 h", "12 h 30".
 */
export function frenchDay(moment: DateTime) {
  return moment.setZone(PARIS).setLocale('fr').toFormat('cccc d LLLL')
}

export function frenchTime(moment: DateTime) {
  const paris = moment.setZone(PARIS)
  return paris.minute === 0 ? `${paris.hour} h` : `${paris.hour} h ${paris.toFormat('mm')}`
}

/**
 * "le mardi 1 décembre de 9 h à 12 h 30"
 */
export function frenchSlot(startsAt: DateTime, endsAt: DateTime) {
  return `le ${frenchDay(startsAt)} de ${frenchTime(startsAt)} à ${frenchTime(endsAt)}`
}
