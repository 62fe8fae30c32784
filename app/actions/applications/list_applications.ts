import type Cohort from '#models/cohort'
import type { ApplicationStatus } from '#enums/application_status'
import { APPLICATION_STATUSES } from '#enums/application_status'

/**
 * A cohort's pipeline: how many applications stand at each status (one
 * grouped query) and the applications themselves, newest first, with
 * their trainee, optionally at one status only.
 */
export default class ListApplications {
  async handle({ cohort, status }: { cohort: Cohort; status: ApplicationStatus | null }) {
    const rows = await cohort
      .related('applications')
      .query()
      .select('status')
      .count('* as total')
      .groupBy('status')
    const counts = Object.fromEntries(APPLICATION_STATUSES.map((key) => [key, 0])) as Record<
      ApplicationStatus,
      number
    >
    for (const row of rows) counts[row.status] = Number(row.$extras.total)
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0)

    const query = cohort
      .related('applications')
      .query()
      .preload('trainee')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (status) query.where('status', status)

    return { counts, total, applications: await query }
  }
}
