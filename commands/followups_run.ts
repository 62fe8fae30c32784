import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends the due follow-up emails and reminders and fills the call list,
 * through the dispatcher (run at once with QUEUE_DRIVER=sync, queued with
 * bullmq). With bullmq the worker already runs it daily; with the sync
 * driver, call it from cron, e.g. every morning:
 *
 *   0 9 * * *  cd /srv/cohorte && node ace followups:run
 *
 * Safe to run twice: nothing is sent twice.
 */
export default class FollowupsRun extends BaseCommand {
  static commandName = 'followups:run'
  static description = 'Send due follow-up emails and reminders, and list the ones to call'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: dispatcher } = await import('#services/dispatcher')
    const { default: SendDueFollowUpsJob } = await import('#jobs/send_due_follow_ups_job')

    const result = await dispatcher.dispatch(SendDueFollowUpsJob, {})
    if (result.driver === 'sync' && result.status === 'failed') {
      this.logger.error(`Follow-ups: the run failed (${String(result.error)})`)
      this.exitCode = 1
      return
    }
    this.logger.info(
      result.driver === 'sync' ? 'Follow-ups sent' : `Follow-ups queued (job ${result.id})`
    )
  }
}
