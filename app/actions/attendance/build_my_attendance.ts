import { DateTime } from 'luxon'
import type User from '#models/user'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import { incidentStatus } from '#actions/attendance/attendance_wording'
import { sqlDateTime } from '#services/sql_time'

/**
 * "Mes présences": for the signed-in trainee only, the hours attended
 * against the hours planned so far, the hours still needed for the
 * programme's minimum, and each absence, late arrival or early leave with
 * its status. The enrollments shown are those in training, or else the
 * latest one.
 */
export default class BuildMyAttendance {
  async handle({ user, now = DateTime.now() }: { user: User; now?: DateTime }) {
    const all = await Enrollment.query()
      .where('organization_id', user.organizationId ?? 0)
      .whereHas('trainee', (trainee) => trainee.where('user_id', user.id))
      .preload('cohort')
      .orderBy('starts_on', 'desc')
      .orderBy('id', 'desc')
    const current = all.filter((enrollment) => IN_TRAINING_STATUSES.includes(enrollment.status))
    const shown = current.length ? current : all.slice(0, 1)

    const compute = new ComputeAttendance()
    const enrollments = []
    for (const enrollment of shown) {
      const [figures, records] = await Promise.all([
        compute.forEnrollment(enrollment, { now }),
        AttendanceRecord.query()
          .join('class_sessions as cs', 'cs.id', 'attendance_records.class_session_id')
          .where('attendance_records.enrollment_id', enrollment.id)
          .where('cs.is_cancelled', false)
          .where('cs.ends_at', '<=', sqlDateTime(now))
          .where((query) =>
            query
              .where('attendance_records.status', 'absent')
              .orWhere('attendance_records.minutes_missed', '>', 0)
          )
          .select('attendance_records.*')
          .preload('classSession', (session) => session.preload('programmeModule'))
          .orderBy('cs.starts_at', 'desc'),
      ])
      enrollments.push({
        enrollment,
        cohort: enrollment.cohort,
        figures,
        incidents: records.map((record) => ({
          record,
          session: record.classSession,
          status: incidentStatus(record),
          announced: record.announcedAt !== null,
        })),
      })
    }
    return { enrollments }
  }
}
