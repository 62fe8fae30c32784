export const CERTIFICATION_RESULTS = ['passed', 'partial', 'failed', 'not_presented'] as const

export type CertificationResult = (typeof CERTIFICATION_RESULTS)[number]
