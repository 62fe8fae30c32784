import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Checks the attendance alerts of every running cohort, of every
 * organisation: one CheckAttendanceAlertsJob per cohort through the
 * dispatcher (run at once with QUEUE_DRIVER=sync, queued with bullmq).
 * Meant for cron, e.g. every evening:
 *
 *   30 18 * * 1-5  cd /srv/cohorte && node ace attendance:alerts
 */
export default class AttendanceAlerts extends BaseCommand {
  static commandName = 'attendance:alerts'
  static description = 'Check attendance alerts for every running cohort and notify coordinators'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: dispatcher } = await import('#services/dispatcher')
    const { default: Cohort } = await import('#models/cohort')
    const { default: CheckAttendanceAlertsJob } = await import('#jobs/check_attendance_alerts_job')

    const cohorts = await Cohort.query().where('status', 'running').orderBy('id').select('id')
    let failed = 0
    for (const cohort of cohorts) {
      const result = await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: cohort.id })
      if (result.driver === 'sync' && result.status === 'failed') {
        failed++
        this.logger.error(`Cohort ${cohort.id}: the check failed (${String(result.error)})`)
      }
    }
    const verb = dispatcher.config.driver === 'sync' ? 'checked' : 'queued'
    this.logger.info(`${cohorts.length - failed} running cohort(s) ${verb}`)
    if (failed) this.exitCode = 1
  }
}
