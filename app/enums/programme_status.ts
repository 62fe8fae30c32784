export const PROGRAMME_STATUSES = ['draft', 'ready', 'archived'] as const

export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]
