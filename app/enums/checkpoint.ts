/**
 * When a trainee's situation is observed: at exit, then 3, 6 and 12 months
 * after. Follow-ups are only due after exit.
 */
export const OUTCOME_CHECKPOINTS = ['exit', 'm3', 'm6', 'm12'] as const

export type OutcomeCheckpoint = (typeof OUTCOME_CHECKPOINTS)[number]

export const FOLLOW_UP_CHECKPOINTS = ['m3', 'm6', 'm12'] as const

export type FollowUpCheckpoint = (typeof FOLLOW_UP_CHECKPOINTS)[number]

/**
 * Months after the exit date at which each follow-up is due.
 */
export const FOLLOW_UP_MONTHS: Record<FollowUpCheckpoint, number> = { m3: 3, m6: 6, m12: 12 }
