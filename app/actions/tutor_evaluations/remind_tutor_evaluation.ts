import { DateTime } from 'luxon'
import TutorEvaluation from '#models/tutor_evaluation'
import type Internship from '#models/internship'
import { mailTutor } from '#actions/tutor_evaluations/tutor_evaluation_mail'
import { ANSWER_DAYS } from '#actions/tutor_evaluations/tutor_evaluation_link'
import { TutorEvaluationRefused } from '#actions/tutor_evaluations/send_tutor_evaluation'

/**
 * A coordinator's reminder, on top of the automatic ones: the same link
 * again, its deadline pushed to 30 days from now if it was nearer (so an
 * expired link works again).
 */
export default class RemindTutorEvaluation {
  async handle({ internship }: { internship: Internship }) {
    const evaluation = await TutorEvaluation.query().where('internship_id', internship.id).first()
    if (!evaluation) {
      throw new TutorEvaluationRefused('La demande n’est pas encore envoyée.')
    }
    if (evaluation.answeredAt || internship.evaluatedAt) {
      throw new TutorEvaluationRefused('L’évaluation de ce stage est déjà reçue.')
    }
    const now = DateTime.utc()
    const deadline = now.plus({ days: ANSWER_DAYS })
    evaluation.manuallyRemindedAt = now
    if (evaluation.expiresAt < deadline) evaluation.expiresAt = deadline
    await evaluation.save()
    await mailTutor(evaluation, 'reminder')
    return evaluation
  }
}
