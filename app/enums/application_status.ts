/**
 * The recruitment pipeline: submitted → screening → info_session →
 * interview → admitted / waitlisted / rejected / withdrawn.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'screening',
  'info_session',
  'interview',
  'admitted',
  'waitlisted',
  'rejected',
  'withdrawn',
] as const

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/**
 * Applications still in the pipeline, waiting for a coordinator's decision.
 */
export const PENDING_APPLICATION_STATUSES: ApplicationStatus[] = [
  'submitted',
  'screening',
  'info_session',
  'interview',
]
