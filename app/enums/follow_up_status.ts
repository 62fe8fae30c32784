export const FOLLOW_UP_STATUSES = ['due', 'sent', 'answered', 'closed'] as const

export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]
