export const WORKING_TIMES = ['full_time', 'part_time'] as const

export type WorkingTime = (typeof WORKING_TIMES)[number]
