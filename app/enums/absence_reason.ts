/**
 * Reasons for an absence when no funder of the cohort has its own list
 * (a funder's list, `Funder.absenceReasons`, replaces this one).
 */
export const DEFAULT_ABSENCE_REASONS = [
  'illness',
  'family_event',
  'medical_exam',
  'administrative_appointment',
  'job_interview',
  'transport',
  'other',
] as const

export type DefaultAbsenceReason = (typeof DEFAULT_ABSENCE_REASONS)[number]

/**
 * Labels of the default reasons and of the other keys funders use. A
 * funder may also write a reason in words: it is then shown as written.
 */
export const ABSENCE_REASON_LABELS: Record<string, string> = {
  illness: 'Maladie (avec certificat ou arrêt médical)',
  family_event: 'Événement familial',
  medical_exam: 'Examen médical',
  administrative_appointment: 'Convocation administrative',
  job_interview: 'Entretien d’embauche',
  transport: 'Grève des transports',
  other: 'Autre motif',
  sick_child: 'Enfant malade',
  unjustified: 'Sans motif valable',
}

export type AbsenceReasonOption = { value: string; label: string }

/**
 * What a person reads for a stored reason (null when there is none).
 */
export function absenceReasonLabel(reason: string | null | undefined) {
  if (!reason) return null
  return ABSENCE_REASON_LABELS[reason] ?? reason
}
