import { DateTime } from 'luxon'
import type Organization from '#models/organization'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Application from '#models/application'
import ClassSession from '#models/class_session'
import { sqlDateTime } from '#services/sql_time'
import { parisWeek } from '#services/week'
import { PENDING_APPLICATION_STATUSES } from '#enums/application_status'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'

/**
 * The figures a coordinator checks first: a fixed number of aggregate
 * queries, whatever the size of the organisation.
 */
export default class BuildCoordinatorDashboard {
  async handle({
    organization,
    now = DateTime.now(),
  }: {
    organization: Organization
    now?: DateTime
  }) {
    const { start, end } = parisWeek(now)

    const [activeCohorts, traineesInTraining, applicationsWaiting, sessionsThisWeek, cohorts] =
      await Promise.all([
        Cohort.query()
          .where('organization_id', organization.id)
          .where('status', 'running')
          .count('* as total'),
        Enrollment.query()
          .where('organization_id', organization.id)
          .whereIn('status', IN_TRAINING_STATUSES)
          .whereHas('cohort', (cohort) => cohort.where('status', 'running'))
          .countDistinct('trainee_id as total'),
        Application.query()
          .where('organization_id', organization.id)
          .whereIn('status', PENDING_APPLICATION_STATUSES)
          .count('* as total'),
        ClassSession.query()
          .where('organization_id', organization.id)
          .where('is_cancelled', false)
          .where('starts_at', '>=', sqlDateTime(start))
          .where('starts_at', '<', sqlDateTime(end))
          .count('* as total'),
        Cohort.query()
          .where('organization_id', organization.id)
          .whereIn('status', ['recruiting', 'running'])
          .preload('programme')
          .preload('site')
          .withCount('enrollments', (q) => q.whereIn('status', IN_TRAINING_STATUSES))
          .orderBy('starts_on', 'asc'),
      ])

    return {
      week: { start, end: end.minus({ days: 1 }) },
      counts: {
        activeCohorts: total(activeCohorts),
        traineesInTraining: total(traineesInTraining),
        applicationsWaiting: total(applicationsWaiting),
        sessionsThisWeek: total(sessionsThisWeek),
      },
      cohorts,
    }
  }
}

function total(rows: { $extras: Record<string, unknown> }[]) {
  return Number(rows[0]?.$extras.total ?? 0)
}
