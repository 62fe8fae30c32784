import type { DateTime } from 'luxon'
import type Application from '#models/application'
import ApplicationScore from '#models/application_score'
import type User from '#models/user'
import {
  SCORE_LABELS,
  SCORE_VALUES,
  SCORING_CRITERIA,
  SCORING_CRITERION_LABELS,
  formatAverageScore,
  type ScoreValue,
  type ScoringCriterion,
} from '#enums/scoring_criterion'

type Given = { score: number; label: string; comment: string | null }

export type ScorerColumn = {
  name: string
  isMe: boolean
  /** When this person last changed one of their scores. */
  at: DateTime
  scores: Partial<Record<ScoringCriterion, Given>>
}

/**
 * What the scoring panel of an application's page shows: each staff
 * member's scores (name, per criterion with comment, when), the average
 * per criterion and overall, and the signed-in person's own scores to
 * prefill their form. One query.
 */
export default class ApplicationScoresPanel {
  async handle({ application, user }: { application: Application; user: User }) {
    const rows = await ApplicationScore.query()
      .where('organization_id', application.organizationId)
      .where('application_id', application.id)
      .preload('scorer')
      .orderBy('created_at')
      .orderBy('id')

    const scorers = new Map<number, ScorerColumn>()
    for (const row of rows) {
      const column = scorers.get(row.scorerId) ?? {
        name: row.scorer.fullName,
        isMe: row.scorerId === user.id,
        at: row.updatedAt,
        scores: {},
      }
      column.scores[row.criterion] = {
        score: row.score,
        label: SCORE_LABELS[row.score as ScoreValue] ?? String(row.score),
        comment: row.comment,
      }
      if (row.updatedAt > column.at) column.at = row.updatedAt
      scorers.set(row.scorerId, column)
    }

    const criteria = SCORING_CRITERIA.map((key) => {
      const given = rows.filter((row) => row.criterion === key).map((row) => row.score)
      return {
        key,
        ...SCORING_CRITERION_LABELS[key],
        average: given.length ? formatAverageScore(mean(given)) : '—',
      }
    })
    const mine = scorers.get(user.id)?.scores ?? {}

    return {
      scoring: {
        criteria,
        scale: SCORE_VALUES.map((value) => ({ value, label: SCORE_LABELS[value] })),
        scorers: [...scorers.values()],
        overall: rows.length ? formatAverageScore(mean(rows.map((row) => row.score))) : '—',
        mine,
        hasMine: scorers.has(user.id),
      },
    }
  }
}

function mean(values: number[]) {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}
