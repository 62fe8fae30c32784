/**
 * What a programme leads to: a certification registered in the RNCP, one
 * registered in the Répertoire spécifique, or none.
 */
export const CERTIFICATION_KINDS = ['rncp', 'rs', 'none'] as const

export type CertificationKind = (typeof CERTIFICATION_KINDS)[number]
