import { DateTime } from 'luxon'
import type Cohort from '#models/cohort'
import AttendanceAlert from '#models/attendance_alert'
import ComputeAttendance, {
  cohortSchedule,
  missingRollCalls,
} from '#actions/attendance/compute_attendance'

/**
 * "Présences de la promotion": hours and rates per trainee and for the
 * cohort, the sessions whose roll call is missing, and the trainees'
 * unresolved alerts. A fixed number of queries whatever the number of
 * trainees (checked by tests/functional/attendance/summary.spec.ts).
 */
export default class BuildCohortAttendancePage {
  async handle({ cohort, now = DateTime.now() }: { cohort: Cohort; now?: DateTime }) {
    const [attendance, schedule, missing, alerts] = await Promise.all([
      new ComputeAttendance().forCohort(cohort, { now }),
      cohortSchedule(cohort, { now }),
      missingRollCalls(cohort, { now }),
      AttendanceAlert.query()
        .where('organization_id', cohort.organizationId)
        .where('cohort_id', cohort.id)
        .where('unresolved', 1)
        .orderBy('raised_at'),
    ])

    const alertsByEnrollment = new Map<number, AttendanceAlert[]>()
    for (const alert of alerts) {
      const list = alertsByEnrollment.get(alert.enrollmentId) ?? []
      list.push(alert)
      alertsByEnrollment.set(alert.enrollmentId, list)
    }

    return {
      cohort,
      attendance,
      schedule,
      missing,
      alertsOf: (enrollmentId: number) => alertsByEnrollment.get(enrollmentId) ?? [],
      openAlerts: alerts.filter((alert) => alert.isOpen).length,
    }
  }
}
