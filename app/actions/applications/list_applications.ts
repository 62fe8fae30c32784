import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import type { ApplicationStatus } from '#enums/application_status'
import { APPLICATION_STATUSES } from '#enums/application_status'

export type ApplicationSort = 'score'

/**
 * A sort read from the query string (`?tri=score`), or null for the
 * default order (newest first).
 */
export function applicationSortOrNull(value: unknown): ApplicationSort | null {
  return value === 'score' ? 'score' : null
}

/**
 * A cohort's pipeline: how many applications stand at each status (one
 * grouped query) and the applications themselves, newest first (or best
 * average score first, unscored last), with their trainee, optionally at
 * one status only. Each application carries, in `$extras`, its average
 * score over every criterion and scorer (`average_score`, null before any
 * score) and how many staff members scored it (`scorer_count`), computed
 * in the same query.
 */
export default class ListApplications {
  async handle({
    cohort,
    status,
    sort = null,
  }: {
    cohort: Cohort
    status: ApplicationStatus | null
    sort?: unknown
  }) {
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

    const order = applicationSortOrNull(sort)
    const query = cohort
      .related('applications')
      .query()
      .select('applications.*')
      .select(
        db.raw(
          '(select avg(s.score) from application_scores s where s.application_id = applications.id) as average_score'
        ),
        db.raw(
          '(select count(distinct s.scorer_id) from application_scores s where s.application_id = applications.id) as scorer_count'
        )
      )
      .preload('trainee')
    if (order === 'score') query.orderByRaw('average_score desc nulls last')
    query.orderBy('created_at', 'desc').orderBy('id', 'desc')
    if (status) query.where('status', status)

    return { counts, total, sort: order, applications: await query }
  }
}
