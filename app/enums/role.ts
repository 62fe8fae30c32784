export const ROLES = ['admin', 'coordinator', 'trainer', 'trainee', 'funder'] as const

export type Role = (typeof ROLES)[number]

/**
 * Roles that belong to a training organisation (a funder spans organisations).
 */
export const STAFF_ROLES: Role[] = ['admin', 'coordinator', 'trainer']
