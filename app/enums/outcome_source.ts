/**
 * Where an observed outcome comes from.
 */
export const OUTCOME_SOURCES = ['declared', 'document', 'phone', 'tutor'] as const

export type OutcomeSource = (typeof OUTCOME_SOURCES)[number]
