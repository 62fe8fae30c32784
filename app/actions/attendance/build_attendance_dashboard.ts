import { DateTime } from 'luxon'
import type Organization from '#models/organization'
import AttendanceAlert from '#models/attendance_alert'
import ClassSession from '#models/class_session'
import { sqlDateTime } from '#services/sql_time'

/**
 * The attendance part of the coordinator's dashboard: the alerts waiting
 * for a coordinator (neither acknowledged nor resolved), oldest first,
 * and how many past sessions of running cohorts still lack their roll
 * call. A fixed number of queries.
 */
export default class BuildAttendanceDashboard {
  async handle({
    organization,
    now = DateTime.now(),
  }: {
    organization: Organization
    now?: DateTime
  }) {
    const [openAlerts, missing] = await Promise.all([
      AttendanceAlert.query()
        .where('organization_id', organization.id)
        .where('unresolved', 1)
        .whereNull('acknowledged_at')
        .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
        .preload('cohort')
        .orderBy('raised_at')
        .orderBy('id'),
      ClassSession.query()
        .where('organization_id', organization.id)
        .where('is_cancelled', false)
        .whereNull('roll_call_at')
        .where('ends_at', '<=', sqlDateTime(now))
        .whereHas('cohort', (cohort) => cohort.where('status', 'running'))
        .count('* as total'),
    ])
    return {
      openAlerts,
      missingRollCalls: Number(missing[0]?.$extras.total ?? 0),
    }
  }
}
