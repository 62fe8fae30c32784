/**
 * Highest qualification, on the 2019 national framework (levels 1 to 8).
 * 0 stands for "no qualification"; null means not known.
 */
export const QUALIFICATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const

export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number]

export const NO_QUALIFICATION: QualificationLevel = 0

/**
 * The levels as a coordinator picks them in a form.
 */
export const QUALIFICATION_LEVEL_LABELS: Record<number, string> = {
  0: 'Sans diplôme',
  1: 'Niveau 1',
  2: 'Niveau 2',
  3: 'Niveau 3 (CAP, BEP)',
  4: 'Niveau 4 (bac)',
  5: 'Niveau 5 (bac + 2)',
  6: 'Niveau 6 (bac + 3)',
  7: 'Niveau 7 (bac + 5)',
  8: 'Niveau 8 (doctorat)',
}

/**
 * Everyday names of the 2019 qualification levels; levels 1 and 2 have
 * no diploma people know them by.
 */
export const QUALIFICATION_SHORT_NAMES: Record<number, string> = {
  3: 'CAP',
  4: 'bac',
  5: 'bac+2',
  6: 'licence',
  7: 'master',
  8: 'doctorat',
}
