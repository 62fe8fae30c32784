import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import type Cohort from '#models/cohort'
import type User from '#models/user'
import { askedWeekStart, parisWeek } from '#services/week'
import { PARIS } from '#services/sql_time'

/**
 * A session whose attendance sheet the user may print: any session of
 * their organisation for a coordinator or an admin, only their own for a
 * trainer (404 otherwise).
 */
export async function findSheetSession(user: User, id: unknown) {
  const query = ClassSession.query()
    .where('organization_id', user.organizationId ?? 0)
    .where('id', Number(id))
  if (!user.isManager) query.where('trainer_id', user.id)
  return query.firstOrFail()
}

/**
 * An enrollment of the cohort (404 for any other id).
 */
export async function findCohortEnrollment(cohort: Cohort, id: unknown) {
  return cohort.related('enrollments').query().where('id', Number(id)).firstOrFail()
}

/**
 * The Monday (Paris) of the week asked for in `?semaine=`: an ISO week
 * (2026-W48) or any day of the week (2026-11-26); this week otherwise.
 */
export function askedSheetWeek(value: unknown) {
  if (typeof value === 'string' && /^\d{4}-W\d{2}$/.test(value)) {
    const start = DateTime.fromISO(value, { zone: PARIS })
    if (start.isValid && start.year >= 2000 && start.year <= 2100) return start.startOf('week')
  }
  return askedWeekStart(value) ?? parisWeek().start
}
