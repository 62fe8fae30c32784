/**
 * What staff score an application on during selection. Digital skills are
 * deliberately not a criterion: the programmes are open to people who are
 * far from digital tools, so a low level must not count against them.
 */
export const SCORING_CRITERIA = ['motivation', 'availability', 'project'] as const

export type ScoringCriterion = (typeof SCORING_CRITERIA)[number]

/**
 * Each criterion as staff read it in the scoring form: a label and a short
 * hint saying what to look at.
 */
export const SCORING_CRITERION_LABELS: Record<ScoringCriterion, { label: string; hint: string }> = {
  motivation: {
    label: 'Motivation',
    hint: 'Envie de suivre la formation jusqu’au bout, raisons données par la personne.',
  },
  availability: {
    label: 'Disponibilité',
    hint: 'Peut venir à toutes les séances : horaires, garde des enfants, transports.',
  },
  project: {
    label: 'Projet professionnel',
    hint: 'Idée du métier ou de la suite après la formation, réaliste et en lien avec elle.',
  },
}

/**
 * The scale: an even number of levels, so that there is no "neutral"
 * middle to hide in.
 */
export const SCORE_VALUES = [1, 2, 3, 4] as const

export type ScoreValue = (typeof SCORE_VALUES)[number]

export const SCORE_LABELS: Record<ScoreValue, string> = {
  1: '1 – insuffisant',
  2: '2 – à renforcer',
  3: '3 – bien',
  4: '4 – très bien',
}

/**
 * An average score as French readers write it: one decimal, with a comma
 * ("2,5"); a dash when nobody has scored yet.
 */
export function formatAverageScore(value: number | string | null | undefined) {
  if (value === null || value === undefined || value === '') return '—'
  return Number(value).toFixed(1).replace('.', ',')
}
