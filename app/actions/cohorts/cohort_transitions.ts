import type { CohortStatus } from '#enums/cohort_status'

/**
 * The status changes that make sense. Completed and cancelled are final;
 * a running cohort may only be cancelled while no attendance is recorded
 * (checked by ChangeCohortStatus).
 */
export const COHORT_TRANSITIONS: Record<CohortStatus, CohortStatus[]> = {
  planned: ['recruiting', 'cancelled'],
  recruiting: ['running', 'planned', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

export function canMove(from: CohortStatus, to: CohortStatus) {
  return COHORT_TRANSITIONS[from].includes(to)
}
