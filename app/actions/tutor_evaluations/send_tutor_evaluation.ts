import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import defaultDispatcher, { type Dispatcher } from '#services/dispatcher'
import TutorEvaluation from '#models/tutor_evaluation'
import type Internship from '#models/internship'
import type User from '#models/user'
import SendTutorEvaluationRemindersJob from '#jobs/send_tutor_evaluation_reminders_job'
import { mailTutor } from '#actions/tutor_evaluations/tutor_evaluation_mail'
import {
  REMINDER_DAYS,
  answerDeadline,
  evaluationTokenHash,
  newTokenNonce,
  reminderApplies,
  reminderRunAt,
} from '#actions/tutor_evaluations/tutor_evaluation_link'

/**
 * Why a request cannot be sent, in the coordinator's words.
 */
export class TutorEvaluationRefused extends Error {}

/**
 * Sends the tutor of an internship the link to the evaluation form, once
 * per internship. With the bullmq driver it also queues the two reminders
 * (D+3 and D+10 after the last day), which check again before sending;
 * with the sync driver `node ace evaluations:remind` sends them from cron.
 */
export default class SendTutorEvaluation {
  constructor(private jobs: Dispatcher = defaultDispatcher) {}

  async handle({ internship, user }: { internship: Internship; user: User | null }) {
    await internship.load('tutor')
    const email = internship.tutor?.email?.trim()
    if (!email) {
      throw new TutorEvaluationRefused('Ce stage n’a pas de tuteur avec une adresse e-mail.')
    }
    if (internship.status === 'draft' || internship.status === 'cancelled') {
      throw new TutorEvaluationRefused('Ce stage n’a pas eu lieu : rien à évaluer.')
    }
    if (internship.evaluatedAt) {
      throw new TutorEvaluationRefused('L’évaluation de ce stage est déjà reçue.')
    }

    const now = DateTime.utc()
    // The unique index on internship_id settles two clicks at once.
    const evaluation = await db.transaction(async (trx) => {
      const existing = await TutorEvaluation.query({ client: trx })
        .where('internship_id', internship.id)
        .first()
      if (existing) {
        throw new TutorEvaluationRefused('La demande est déjà envoyée : utilisez « Relancer ».')
      }
      const created = new TutorEvaluation().useTransaction(trx)
      created.merge({
        organizationId: internship.organizationId,
        internshipId: internship.id,
        tokenNonce: newTokenNonce(),
        // Replaced below, once the id the token is made from is known.
        tokenHash: `pending-${newTokenNonce()}`,
        tutorEmail: email,
        sentAt: now,
        expiresAt: answerDeadline(now, internship.endsOn),
        sentById: user?.id ?? null,
      })
      await created.save()
      created.tokenHash = evaluationTokenHash(created)
      await created.save()
      return created
    })

    await mailTutor(evaluation, 'request')
    await this.scheduleReminders(evaluation, internship)
    return evaluation
  }

  /**
   * Queues the reminders still to come (bullmq only: the sync driver
   * would run them at once, so cron does its work there).
   */
  private async scheduleReminders(evaluation: TutorEvaluation, internship: Internship) {
    if (this.jobs.config.driver !== 'bullmq') return
    for (const day of REMINDER_DAYS) {
      if (!reminderApplies(internship.endsOn, evaluation.sentAt, day)) continue
      const delay = Math.max(0, reminderRunAt(internship.endsOn, day).toMillis() - Date.now())
      await this.jobs.dispatch(
        SendTutorEvaluationRemindersJob,
        { evaluationId: evaluation.id, day },
        { delay }
      )
    }
  }
}
