import type { CohortStatus } from '#enums/cohort_status'
import { COHORT_STATUSES } from '#enums/cohort_status'

/**
 * What a person reads for each cohort status.
 */
export const COHORT_STATUS_LABELS: Record<CohortStatus, string> = {
  planned: 'Prévue',
  recruiting: 'En recrutement',
  running: 'En cours',
  completed: 'Terminée',
  cancelled: 'Annulée',
}

/**
 * The button that moves a cohort to each status.
 */
export const COHORT_TRANSITION_LABELS: Record<CohortStatus, string> = {
  planned: 'Revenir à « Prévue »',
  recruiting: 'Ouvrir le recrutement',
  running: 'Démarrer la promotion',
  completed: 'Clôturer la promotion',
  cancelled: 'Annuler la promotion',
}

export const COHORT_STATUS_OPTIONS = COHORT_STATUSES.map((status) => ({
  value: status,
  label: COHORT_STATUS_LABELS[status],
}))

/**
 * A status read from a query string, or null when missing or unknown.
 */
export function cohortStatusOrNull(value: unknown): CohortStatus | null {
  return COHORT_STATUSES.find((status) => status === value) ?? null
}
