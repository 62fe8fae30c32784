export const COHORT_STATUSES = [
  'planned',
  'recruiting',
  'running',
  'completed',
  'cancelled',
] as const

export type CohortStatus = (typeof COHORT_STATUSES)[number]
