export const EXIT_REASONS = [
  'completed',
  'found_job',
  'other_training',
  'health',
  'personal',
  'excluded',
  'other',
] as const

export type ExitReason = (typeof EXIT_REASONS)[number]
