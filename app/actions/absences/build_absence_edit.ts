import AuditEvent, { type AuditChanges } from '#models/audit_event'
import type AttendanceRecord from '#models/attendance_record'
import { absenceReasonLabel } from '#enums/absence_reason'
import { PARIS } from '#services/sql_time'
import { cohortAbsenceReasons, withCurrentReason } from '#actions/absences/absence_reasons'
import {
  HALF_DAY_LABELS,
  JUSTIFICATION_LABELS,
  absenceKindLabel,
  justificationOf,
  longDay,
  timeRange,
} from '#actions/absences/absence_labels'

const ACTION_LABELS: Record<string, string> = {
  'attendance.updated': 'Correction',
  'attendance.announced': 'Absence annoncée',
  'attendance.proof_added': 'Justificatif envoyé par le ou la stagiaire',
}

/**
 * What the page of one absence shows: the session and trainee, where the
 * justification stands, the reasons offered and the record's history
 * (every audited change with who, when, why).
 * Expects the record loaded by `findAttendanceRecord`.
 */
export default class BuildAbsenceEdit {
  async handle({ record }: { record: AttendanceRecord }) {
    const session = record.classSession
    const [reasons, events] = await Promise.all([
      cohortAbsenceReasons(session.cohortId),
      AuditEvent.query()
        .where('organization_id', record.organizationId)
        .where('subject_type', 'attendance_records')
        .where('subject_id', record.id)
        .preload('user')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc'),
    ])
    const justification = justificationOf(record)
    return {
      record,
      session,
      cohort: session.cohort,
      trainee: record.enrollment.trainee,
      day: longDay(session.startsAt),
      halfDay: HALF_DAY_LABELS[session.halfDay],
      time: timeRange(session.startsAt, session.endsAt),
      kind: absenceKindLabel(record),
      reasonLabel: absenceReasonLabel(record.absenceReason),
      justification,
      justificationLabel: JUSTIFICATION_LABELS[justification],
      reasonOptions: withCurrentReason(reasons, record.absenceReason),
      justifiedValue:
        record.absenceJustified === null ? 'pending' : record.absenceJustified ? 'yes' : 'no',
      history: events.map((event) => ({
        at: event.createdAt.setZone(PARIS).setLocale('fr').toFormat("d LLLL yyyy 'à' HH'h'mm"),
        who: event.user?.fullName ?? 'Compte supprimé',
        action: ACTION_LABELS[event.action] ?? event.action,
        changes: describeChanges(event.changes),
        reason: event.reason,
      })),
    }
  }
}

const FIELD_LABELS: Record<string, string> = {
  status: 'Présence',
  minutes_missed: 'Minutes manquées',
  absence_reason: 'Motif',
  absence_justified: 'Justifiée',
  proof_path: 'Justificatif',
  announced_at: 'Annoncée',
  signed_at: 'Signature',
  signature_method: 'Mode de signature',
}

const STATUS_LABELS: Record<string, string> = {
  present: 'présent·e',
  late: 'en retard',
  absent: 'absent·e',
}

/**
 * Each change in words: "Motif : Maladie → Examen médical".
 */
export function describeChanges(changes: AuditChanges | null) {
  if (!changes) return []
  return Object.entries(changes).map(([field, { from, to }]) => {
    const label = FIELD_LABELS[field] ?? field
    if (field === 'proof_path') return from ? 'Justificatif remplacé' : 'Justificatif ajouté'
    return `${label} : ${valueLabel(field, from)} → ${valueLabel(field, to)}`
  })
}

function valueLabel(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    if (field === 'absence_justified') return 'à décider'
    return 'aucun'
  }
  if (field === 'absence_justified') return value ? 'oui' : 'non'
  if (field === 'absence_reason') return absenceReasonLabel(String(value))!
  if (field === 'status') return STATUS_LABELS[String(value)] ?? String(value)
  if (field === 'announced_at') return 'oui'
  return String(value)
}
