export const ENROLLMENT_STATUSES = ['enrolled', 'active', 'completed', 'dropped_out'] as const

export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]

/**
 * Enrollments of people still in training: they get the schedule, its
 * changes and the calendar feed, and count as "in training".
 */
export const IN_TRAINING_STATUSES: EnrollmentStatus[] = ['enrolled', 'active']
