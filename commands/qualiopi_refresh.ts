import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Recomputes every programme's published results (Qualiopi indicator 2)
 * through the dispatcher (at once with QUEUE_DRIVER=sync, queued with
 * bullmq). Call it from cron, e.g. every night:
 *
 *   30 2 * * *  cd /srv/cohorte && node ace qualiopi:refresh
 */
export default class QualiopiRefresh extends BaseCommand {
  static commandName = 'qualiopi:refresh'
  static description = 'Recompute the published results of every programme (Qualiopi indicator 2)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: dispatcher } = await import('#services/dispatcher')
    const { default: RefreshProgrammeResultsJob } =
      await import('#jobs/refresh_programme_results_job')
    const result = await dispatcher.dispatch(RefreshProgrammeResultsJob, {})
    if (result.driver === 'sync' && result.status === 'failed') {
      this.logger.error(`Qualiopi results: the refresh failed (${String(result.error)})`)
      this.exitCode = 1
      return
    }
    this.logger.info(
      result.driver === 'sync'
        ? 'Programme results refreshed'
        : `Programme results refresh queued (job ${result.id})`
    )
  }
}
