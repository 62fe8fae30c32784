export const OUTCOME_SITUATIONS = [
  'employed',
  'training',
  'job_seeking',
  'inactive',
  'unknown',
] as const

export type OutcomeSituation = (typeof OUTCOME_SITUATIONS)[number]
