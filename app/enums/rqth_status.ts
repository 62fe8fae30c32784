/**
 * RQTH (recognised disability) is health data: "undisclosed" is the
 * default and the answer of whoever prefers not to say.
 */
export const RQTH_STATUSES = ['yes', 'no', 'undisclosed'] as const

export type RqthStatus = (typeof RQTH_STATUSES)[number]
