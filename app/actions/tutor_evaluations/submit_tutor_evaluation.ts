import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type TutorEvaluation from '#models/tutor_evaluation'
import type { TutorEvaluationPayload } from '#validators/tutor_evaluation'
import {
  EVALUATION_SKILLS,
  NOT_OBSERVED,
  type TutorEvaluationAnswers,
} from '#enums/tutor_evaluation'
import { sqlDateTime } from '#services/sql_time'

/**
 * The request was answered already: the first answers are kept.
 */
export class TutorEvaluationAlreadyAnswered extends Error {}

/**
 * The request's deadline passed before the answers arrived (the form was
 * opened in time, sent too late): nothing is written.
 */
export class TutorEvaluationExpired extends Error {}

/**
 * Records the tutor's answers on the internship and closes the request,
 * in one transaction. The request is claimed by a conditional UPDATE, so
 * of two submissions (two tabs, a double click) only the first is kept,
 * and only before its deadline (re-checked there, not only when the link
 * was looked up).
 */
export default class SubmitTutorEvaluation {
  async handle({
    evaluation,
    payload,
    ip,
  }: {
    evaluation: TutorEvaluation
    payload: TutorEvaluationPayload
    ip: string | null
  }) {
    const answers: TutorEvaluationAnswers = {
      source: 'tutor_link',
      attendance: payload.attendance,
      skills: Object.fromEntries(
        EVALUATION_SKILLS.map(({ key }) => {
          const value = payload.skills[key]
          return [key, value === NOT_OBSERVED ? null : value]
        })
      ) as TutorEvaluationAnswers['skills'],
      comments: payload.comments || null,
      wouldHire: payload.would_hire,
      contractType: payload.would_hire === 'no' ? null : (payload.contract_type ?? null),
    }
    const now = sqlDateTime(DateTime.utc())

    await db.transaction(async (trx) => {
      const claimed = await trx
        .from('tutor_evaluations')
        .where('id', evaluation.id)
        .whereNull('answered_at')
        .where('expires_at', '>', now)
        .update({ answered_at: now, answered_ip: ip, updated_at: now })
      if (Number(claimed) !== 1) {
        const current = await trx
          .from('tutor_evaluations')
          .where('id', evaluation.id)
          .select('answered_at')
          .first()
        if (!current?.answered_at) throw new TutorEvaluationExpired()
        throw new TutorEvaluationAlreadyAnswered()
      }
      const recorded = await trx
        .from('internships')
        .where('id', evaluation.internshipId)
        .whereNull('evaluated_at')
        .update({ evaluation: JSON.stringify(answers), evaluated_at: now, updated_at: now })
      if (Number(recorded) !== 1) {
        throw new TutorEvaluationAlreadyAnswered()
      }
    })
    return answers
  }
}
