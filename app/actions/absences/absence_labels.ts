import type { DateTime } from 'luxon'
import type { HalfDay } from '#enums/half_day'
import type AttendanceRecord from '#models/attendance_record'
import { PARIS } from '#services/sql_time'

export const HALF_DAY_LABELS: Record<HalfDay, string> = {
  morning: 'Matin',
  afternoon: 'Après-midi',
}

/**
 * Where an absence stands: decided (justified or not), or waiting for the
 * coordinator (with or without a proof sent).
 */
export type Justification = 'justified' | 'unjustified' | 'proof_pending' | 'to_justify'

export const JUSTIFICATION_LABELS: Record<Justification, string> = {
  justified: 'Justifiée',
  unjustified: 'Non justifiée',
  proof_pending: 'Justificatif en attente de validation',
  to_justify: 'À justifier',
}

export const JUSTIFICATION_TONES: Record<Justification, string> = {
  justified: 'success',
  unjustified: 'danger',
  proof_pending: 'info',
  to_justify: 'warning',
}

export function justificationOf(
  record: Pick<AttendanceRecord, 'absenceJustified' | 'proofPath'>
): Justification {
  if (record.absenceJustified === true) return 'justified'
  if (record.absenceJustified === false) return 'unjustified'
  return record.proofPath ? 'proof_pending' : 'to_justify'
}

/**
 * "Absent·e", or "Retard de 20 min".
 */
export function absenceKindLabel(record: Pick<AttendanceRecord, 'status' | 'minutesMissed'>) {
  if (record.status === 'late') return `Retard de ${minutesLabel(record.minutesMissed)}`
  if (record.status === 'absent') return 'Absent·e'
  return 'Présent·e'
}

/**
 * "20 min", "1 h", "1 h 15".
 */
export function minutesLabel(minutes: number) {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (!hours) return `${rest} min`
  return rest ? `${hours} h ${String(rest).padStart(2, '0')}` : `${hours} h`
}

/**
 * "lundi 30 novembre 2026", in Paris.
 */
export function longDay(at: DateTime) {
  return at.setZone(PARIS).setLocale('fr').toFormat('cccc d LLLL yyyy')
}

/**
 * "09:00 – 12:30", in Paris.
 */
export function timeRange(startsAt: DateTime, endsAt: DateTime) {
  const format = (at: DateTime) => at.setZone(PARIS).toFormat('HH:mm')
  return `${format(startsAt)} – ${format(endsAt)}`
}

/**
 * "26/11 à 9 h 04", in Paris.
 */
export function shortMoment(at: DateTime) {
  const paris = at.setZone(PARIS)
  return `${paris.toFormat('dd/MM')} à ${paris.toFormat("H 'h' mm")}`
}
