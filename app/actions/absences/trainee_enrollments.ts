import Enrollment from '#models/enrollment'
import type User from '#models/user'

/**
 * The trainee's own enrollments in their organisation (all of them, or
 * only those still in training), with their cohort.
 */
export function traineeEnrollments(user: User) {
  return Enrollment.query()
    .where('organization_id', user.organizationId ?? 0)
    .whereIn('trainee_id', (own) => own.from('trainees').select('id').where('user_id', user.id))
    .preload('cohort')
    .orderBy('starts_on', 'asc')
}
