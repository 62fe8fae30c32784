import Organization from '#models/organization'

/**
 * An internship of the given organisation with what its pages show
 * (trainee, cohort and programme, company, tutor); 404 for any other id.
 */
export async function findInternship(organizationId: number | null, id: unknown) {
  const organization = await Organization.findOrFail(organizationId)
  return organization
    .related('internships')
    .query()
    .where('id', Number(id))
    .preload('enrollment', (enrollment) =>
      enrollment.preload('trainee').preload('cohort', (cohort) => cohort.preload('programme'))
    )
    .preload('partnerCompany')
    .preload('tutor')
    .firstOrFail()
}

/**
 * An enrollment of the given organisation with its trainee and cohort
 * (404 for any other id).
 */
export async function findEnrollment(organizationId: number | null, id: unknown) {
  const organization = await Organization.findOrFail(organizationId)
  return organization
    .related('enrollments')
    .query()
    .where('id', Number(id))
    .preload('trainee')
    .preload('cohort', (cohort) => cohort.preload('programme'))
    .firstOrFail()
}
