/**
 * due → sent (email) → to_call (no answer 7 days after the reminder) →
 * answered (self-report or call); closed ends it without an answer.
 */
export const FOLLOW_UP_STATUSES = ['due', 'sent', 'to_call', 'answered', 'closed'] as const

export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]
