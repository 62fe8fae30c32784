/**
 * Where a module's hours take place: in the training centre or in a company.
 */
export const MODULE_LOCATIONS = ['centre', 'company'] as const

export type ModuleLocation = (typeof MODULE_LOCATIONS)[number]
