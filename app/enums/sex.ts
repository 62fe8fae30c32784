export const SEXES = ['female', 'male', 'other'] as const

export type Sex = (typeof SEXES)[number]
