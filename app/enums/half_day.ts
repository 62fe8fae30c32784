/**
 * Attendance sheets ask one signature per half-day: a session starting
 * before 13:00 (Paris time) is a morning one.
 */
export const HALF_DAYS = ['morning', 'afternoon'] as const

export type HalfDay = (typeof HALF_DAYS)[number]
