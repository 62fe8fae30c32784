import { BaseJob } from '#jobs/base_job'
import CheckAttendanceAlerts from '#actions/attendance/check_attendance_alerts'
import NotifyAttendanceAlerts from '#actions/attendance/notify_attendance_alerts'

export interface CheckAttendanceAlertsPayload {
  cohortId: number
}

/**
 * Checks a cohort's trainees against its programme's attendance
 * thresholds, stores the alerts newly reached (and resolves those that are
 * over), then mails the coordinator one summary of what was not mailed
 * yet. Idempotent: safe to run after every change, twice, or at the same
 * time.
 *
 * Dispatch it whenever a cohort's attendance changes:
 *
 *   await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId })
 *
 * (after a roll call is saved, an absence justified or not, a correction)
 * and every night for the running cohorts: `node ace attendance:alerts`.
 */
export default class CheckAttendanceAlertsJob extends BaseJob<CheckAttendanceAlertsPayload> {
  static jobName = 'check-attendance-alerts'

  async handle({ cohortId }: CheckAttendanceAlertsPayload) {
    await new CheckAttendanceAlerts().handle({ cohortId })
    await new NotifyAttendanceAlerts().handle({ cohortId })
  }
}
