/**
 * The raw contract observed; funder categories (positive exit, durable
 * employment…) are derived from it elsewhere.
 */
export const CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'interim',
  'apprenticeship',
  'professionalisation',
  'aided_contract',
  'business_creation',
  'civil_service',
] as const

export type ContractType = (typeof CONTRACT_TYPES)[number]
