import db from '@adonisjs/lucid/services/db'
import type Application from '#models/application'
import ApplicationScore from '#models/application_score'
import type User from '#models/user'
import { SCORING_CRITERIA, type ScoringCriterion } from '#enums/scoring_criterion'

export type ScoreSheet = Record<ScoringCriterion, { score: number; comment: string | null }>

/**
 * Gives or updates one staff member's scores of an application, every
 * criterion at once, in one transaction: each (application, scorer,
 * criterion) has one row, updated when it exists. Other staff members'
 * scores are left alone.
 */
export default class SaveApplicationScores {
  async handle({
    application,
    scorer,
    sheet,
  }: {
    application: Application
    scorer: User
    sheet: ScoreSheet
  }) {
    await db.transaction(async (trx) => {
      const existing = await ApplicationScore.query({ client: trx })
        .where('application_id', application.id)
        .where('scorer_id', scorer.id)
      for (const criterion of SCORING_CRITERIA) {
        const row =
          existing.find((score) => score.criterion === criterion) ??
          new ApplicationScore().fill({
            organizationId: application.organizationId,
            applicationId: application.id,
            scorerId: scorer.id,
            criterion,
          })
        row.useTransaction(trx)
        row.score = sheet[criterion].score
        row.comment = sheet[criterion].comment
        await row.save()
      }
    })
  }
}
