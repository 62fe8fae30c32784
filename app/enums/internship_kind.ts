/**
 * An in-training internship (stage) or a PMSMP (période de mise en
 * situation en milieu professionnel).
 */
export const INTERNSHIP_KINDS = ['stage', 'pmsmp'] as const

export type InternshipKind = (typeof INTERNSHIP_KINDS)[number]
