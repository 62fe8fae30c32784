export const ENROLLMENT_STATUSES = ['enrolled', 'active', 'completed', 'dropped_out'] as const

export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]
