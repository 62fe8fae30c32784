/**
 * Highest qualification, on the 2019 national framework (levels 1 to 8).
 * 0 stands for "no qualification"; null means not known.
 */
export const QUALIFICATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const

export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number]

export const NO_QUALIFICATION: QualificationLevel = 0
