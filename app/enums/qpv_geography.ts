/**
 * The list of priority neighbourhoods (QPV) a trainee's QPV code comes from:
 * the 2015 geography or the one in force since 2024.
 */
export const QPV_GEOGRAPHIES = ['2015', '2024'] as const

export type QpvGeography = (typeof QPV_GEOGRAPHIES)[number]
