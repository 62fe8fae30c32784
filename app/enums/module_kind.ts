export const MODULE_KINDS = [
  'digital',
  'french',
  'maths',
  'company_visit',
  'internship',
  'soft_skills',
  'other',
] as const

export type ModuleKind = (typeof MODULE_KINDS)[number]
