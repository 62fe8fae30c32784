import type Organization from '#models/organization'
import type { CohortStatus } from '#enums/cohort_status'

/**
 * The organisation's cohorts, newest first, with the number of trainees
 * enrolled (dropped-out ones aside) as `$extras.enrolled_count`.
 */
export default class ListCohorts {
  async handle({
    organization,
    status,
  }: {
    organization: Organization
    status: CohortStatus | null
  }) {
    const query = organization
      .related('cohorts')
      .query()
      .preload('programme')
      .preload('site')
      .withCount('enrollments', (enrollments) =>
        enrollments.whereNot('status', 'dropped_out').as('enrolled_count')
      )
      .orderBy('starts_on', 'desc')
      .orderBy('id', 'desc')
    if (status) query.where('status', status)
    return query
  }
}
