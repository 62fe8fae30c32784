import { DateTime } from 'luxon'
import type { AttendanceAlertKind } from '#enums/attendance_alert_kind'
import type { AttendanceAlertDetails } from '#models/attendance_alert'
import type { AttendanceStatus } from '#enums/attendance_status'
import { PARIS } from '#services/sql_time'

/**
 * Hours, rates and statuses of attendance in plain French, for the pages
 * and the emails. Numbers come from #actions/attendance/compute_attendance.
 */

/**
 * Minutes as hours: "0 h", "3 h 30", "96 h", "24 h 05".
 */
export function hours(minutes: number) {
  const total = Math.max(0, Math.round(minutes))
  const whole = Math.floor(total / 60)
  const rest = total % 60
  return rest ? `${whole} h ${String(rest).padStart(2, '0')}` : `${whole} h`
}

/**
 * A rate as a whole percentage, rounded down so that 79.6 % never reads
 * as the 80 % a funder asks for: "92 %".
 */
export function percent(rate: number | null) {
  if (rate === null) return '—'
  return `${Math.floor(rate * 100 + 1e-9)} %`
}

/**
 * The rate against the programme's minimum, in words.
 */
export function rateWords(rate: number | null, minRate: number) {
  if (rate === null) return 'Pas encore de séance passée'
  return rate + 1e-9 >= minRate
    ? `Au niveau attendu (minimum ${percent(minRate)})`
    : `Sous le minimum de ${percent(minRate)}`
}

/**
 * "Vous avez suivi 96 h sur 104 h prévues, soit 92 %."
 */
export function attendedSentence(attendedMinutes: number, plannedMinutes: number) {
  if (plannedMinutes <= 0) return 'Vous n’avez pas encore eu de séance.'
  const rate = attendedMinutes / plannedMinutes
  return `Vous avez suivi ${hours(attendedMinutes)} sur ${hours(plannedMinutes)} prévues, soit ${percent(rate)}.`
}

export function halfDayLabel(halfDay: 'morning' | 'afternoon') {
  return halfDay === 'morning' ? 'Matin' : 'Après-midi'
}

/**
 * "lundi 24 mars 2025", Paris time.
 */
export function longDay(value: DateTime) {
  return value.setZone(PARIS).setLocale('fr').toFormat('cccc d LLLL yyyy')
}

/**
 * A 'yyyy-MM-dd' day as "24 mars 2025".
 */
export function isoDay(value: string) {
  return DateTime.fromISO(value).setLocale('fr').toFormat('d LLLL yyyy')
}

/**
 * "de 09h00 à 12h30", Paris time.
 */
export function timeSpan(start: DateTime, end: DateTime) {
  const format = (value: DateTime) => value.setZone(PARIS).toFormat("HH'h'mm")
  return `de ${format(start)} à ${format(end)}`
}

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral'

/**
 * What happened at a session, for the trainee: an absence and whether it
 * is justified, or minutes missed.
 */
export function incidentStatus(record: {
  status: AttendanceStatus
  minutesMissed: number
  absenceJustified: boolean | null
}): { label: string; tone: Tone; toJustify: boolean } {
  if (record.status === 'absent') {
    if (record.absenceJustified === true) {
      return { label: 'Absence justifiée', tone: 'success', toJustify: false }
    }
    if (record.absenceJustified === false) {
      return { label: 'Absence non justifiée', tone: 'danger', toJustify: false }
    }
    return { label: 'Absence à justifier', tone: 'warning', toJustify: true }
  }
  if (record.status === 'late') {
    return {
      label: `Arrivée en retard de ${minutesWords(record.minutesMissed)}`,
      tone: 'info',
      toJustify: false,
    }
  }
  return {
    label: `Départ ${minutesWords(record.minutesMissed)} avant la fin`,
    tone: 'info',
    toJustify: false,
  }
}

function minutesWords(minutes: number) {
  return minutes >= 60 ? hours(minutes) : `${minutes} min`
}

export const ALERT_KIND_LABELS: Record<AttendanceAlertKind, string> = {
  unjustified_half_days: 'Absences non justifiées',
  low_rate: 'Taux de présence bas',
}

/**
 * What an alert says, with the figures it was raised on:
 * "3 demi-journées d’absence non justifiée en 30 jours (seuil : 3)".
 */
export function alertWords(kind: AttendanceAlertKind, details: AttendanceAlertDetails | null) {
  const d = details ?? {}
  if (kind === 'unjustified_half_days') {
    const count = d.halfDays ?? 0
    return `${count} demi-journée${count > 1 ? 's' : ''} d’absence non justifiée en ${d.windowDays ?? 30} jours (seuil : ${d.threshold ?? '—'})`
  }
  return `Taux de présence de ${percent(d.rate ?? null)} (seuil : ${percent(d.minRate ?? null)})`
}
