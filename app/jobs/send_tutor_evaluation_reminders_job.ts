import { BaseJob } from '#jobs/base_job'
import SendTutorEvaluationReminders from '#actions/tutor_evaluations/send_tutor_evaluation_reminders'
import type { ReminderDay } from '#actions/tutor_evaluations/tutor_evaluation_link'

export interface SendTutorEvaluationRemindersPayload {
  /**
   * One request's reminder (queued with a delay when the request is
   * sent); without it, every reminder due (cron).
   */
  evaluationId?: number
  day?: ReminderDay
}

/**
 * Sends the tutor evaluation reminders that are due, checking again that
 * the request is still unanswered: a reminder queued weeks ago does
 * nothing once the tutor has answered.
 */
export default class SendTutorEvaluationRemindersJob extends BaseJob<SendTutorEvaluationRemindersPayload> {
  static jobName = 'send-tutor-evaluation-reminders'

  async handle({ evaluationId, day }: SendTutorEvaluationRemindersPayload) {
    const reminders = new SendTutorEvaluationReminders()
    if (evaluationId !== undefined && day !== undefined) {
      await reminders.remind(evaluationId, day)
      return
    }
    await reminders.remindAllDue()
  }
}
