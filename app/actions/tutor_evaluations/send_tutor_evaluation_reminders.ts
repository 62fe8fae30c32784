import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import TutorEvaluation from '#models/tutor_evaluation'
import Internship from '#models/internship'
import { mailTutor } from '#actions/tutor_evaluations/tutor_evaluation_mail'
import { sqlDateTime, nowInParis } from '#services/sql_time'
import {
  REMINDER_DAYS,
  reminderApplies,
  reminderDueDate,
  type ReminderDay,
} from '#actions/tutor_evaluations/tutor_evaluation_link'

const COLUMNS: Record<ReminderDay, 'reminder_3_sent_at' | 'reminder_10_sent_at'> = {
  3: 'reminder_3_sent_at',
  10: 'reminder_10_sent_at',
}

/**
 * Sends the D+3 and D+10 reminders that are due, each at most once: the
 * reminder's column is claimed by a conditional UPDATE before the email
 * goes, so two runs (cron and a queued job, or two workers) never send
 * it twice. Nothing goes once the evaluation is answered (by link or
 * recorded on the internship), nor after the link expired.
 */
export default class SendTutorEvaluationReminders {
  /**
   * One reminder of one request; returns whether it was sent.
   */
  async remind(evaluationId: number, day: ReminderDay): Promise<boolean> {
    const evaluation = await TutorEvaluation.find(evaluationId)
    if (!evaluation || evaluation.answeredAt || evaluation.isExpired) return false
    const internship = await Internship.find(evaluation.internshipId)
    if (!internship || internship.evaluatedAt || internship.status === 'cancelled') return false

    const today = nowInParis().toISODate()!
    if (today < reminderDueDate(internship.endsOn, day)) return false
    if (!reminderApplies(internship.endsOn, evaluation.sentAt, day)) return false

    const column = COLUMNS[day]
    const claimed = await db
      .from('tutor_evaluations')
      .where('id', evaluation.id)
      .whereNull(column)
      .whereNull('answered_at')
      .update({ [column]: sqlDateTime(DateTime.utc()) })
    if (Number(claimed) !== 1) return false

    await mailTutor(evaluation, 'reminder')
    return true
  }

  /**
   * Every reminder due across all organisations; returns how many went.
   */
  async remindAllDue(): Promise<number> {
    const candidates = await TutorEvaluation.query()
      .whereNull('answered_at')
      .where('expires_at', '>', sqlDateTime(DateTime.utc()))
      .where((query) => query.whereNull('reminder_3_sent_at').orWhereNull('reminder_10_sent_at'))
      .orderBy('id')
    let sent = 0
    for (const evaluation of candidates) {
      for (const day of REMINDER_DAYS) {
        if (await this.remind(evaluation.id, day)) sent++
      }
    }
    return sent
  }
}
