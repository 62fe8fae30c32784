import ClassSession from '#models/class_session'
import type User from '#models/user'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'

/**
 * The sessions a person attends or teaches, inside their organisation:
 * a trainee's are those of the cohorts where they are enrolled or active,
 * a trainer's those they teach. Anyone else has none.
 */
export function personSessions(user: User) {
  const query = ClassSession.query().where('organization_id', user.organizationId ?? 0)

  if (user.role === 'trainer') {
    return query.where('trainer_id', user.id)
  }
  if (user.role === 'trainee') {
    return query.whereIn('cohort_id', (enrolled) =>
      enrolled
        .from('enrollments')
        .join('trainees', 'trainees.id', 'enrollments.trainee_id')
        .select('enrollments.cohort_id')
        .where('trainees.user_id', user.id)
        .where('enrollments.organization_id', user.organizationId ?? 0)
        .whereIn('enrollments.status', IN_TRAINING_STATUSES)
    )
  }
  return query.whereRaw('1 = 0')
}

/**
 * Preloads what a session line shows (see session_line.ts): a bounded
 * number of queries whatever the number of sessions. With `enrolledCount`,
 * each cohort also counts its enrolled and active trainees
 * (`cohort.$extras.enrollments_count`).
 */
export function withSessionDetails(
  query: ReturnType<typeof personSessions>,
  options: { enrolledCount?: boolean } = {}
) {
  return query
    .preload('programmeModule')
    .preload('trainer')
    .preload('partnerCompany')
    .preload('cohort', (cohort) => {
      cohort.preload('site')
      if (options.enrolledCount) {
        cohort.withCount('enrollments', (enrollments) =>
          enrollments.whereIn('status', IN_TRAINING_STATUSES)
        )
      }
    })
}
