import Organization from '#models/organization'
import AttendanceRecord from '#models/attendance_record'
import type User from '#models/user'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'

/**
 * An attendance record of the given organisation (404 for any other id),
 * with its session (module, trainer, cohort) and trainee.
 */
export async function findAttendanceRecord(organizationId: number | null, id: unknown) {
  const organization = await Organization.findOrFail(organizationId)
  return withDetails(organization.related('attendanceRecords').query().where('id', Number(id)))
}

/**
 * One of the trainee's own attendance records (404 for anyone else's).
 */
export async function findOwnAttendanceRecord(user: User, id: unknown) {
  return withDetails(
    AttendanceRecord.query()
      .where('organization_id', user.organizationId ?? 0)
      .where('id', Number(id))
      .whereIn('enrollment_id', (own) =>
        own
          .from('enrollments')
          .join('trainees', 'trainees.id', 'enrollments.trainee_id')
          .select('enrollments.id')
          .where('trainees.user_id', user.id)
      )
  )
}

function withDetails(query: ModelQueryBuilderContract<typeof AttendanceRecord, AttendanceRecord>) {
  return query
    .preload('classSession', (session) =>
      session.preload('programmeModule').preload('trainer').preload('cohort')
    )
    .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
    .firstOrFail()
}
