import Enrollment from '#models/enrollment'

/**
 * An enrollment of the given organisation, with its trainee and cohort
 * (404 for any other id).
 */
export async function findEnrollment(organizationId: number | null, id: unknown) {
  return Enrollment.query()
    .where('organization_id', organizationId ?? 0)
    .where('id', Number(id))
    .preload('trainee')
    .preload('cohort')
    .firstOrFail()
}
