import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends the tutor evaluation reminders that are due (D+3 and D+10 after an
 * internship's last day, each once, while unanswered) through one
 * SendTutorEvaluationRemindersJob: run at once with QUEUE_DRIVER=sync,
 * queued with bullmq (where reminders are also queued when a request is
 * sent; running both never sends one twice). Meant for cron, e.g.:
 *
 *   0 9 * * *  cd /srv/cohorte && node ace evaluations:remind
 */
export default class EvaluationsRemind extends BaseCommand {
  static commandName = 'evaluations:remind'
  static description = 'Send the tutor evaluation reminders due (D+3 and D+10 after internships)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: dispatcher } = await import('#services/dispatcher')
    const { default: SendTutorEvaluationRemindersJob } =
      await import('#jobs/send_tutor_evaluation_reminders_job')
    const result = await dispatcher.dispatch(SendTutorEvaluationRemindersJob, {})
    if (result.driver === 'sync' && result.status === 'failed') {
      this.logger.error(`Reminders failed (${String(result.error)})`)
      this.exitCode = 1
      return
    }
    this.logger.info(
      result.driver === 'sync' ? 'Tutor evaluation reminders sent' : 'Reminders queued'
    )
  }
}
