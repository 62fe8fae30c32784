/**
 * How an attendance was signed: by the trainee on their phone, by the
 * trainer on the trainee's behalf, or on a paper sheet.
 */
export const SIGNATURE_METHODS = ['trainee_phone', 'trainer', 'paper'] as const

export type SignatureMethod = (typeof SIGNATURE_METHODS)[number]
