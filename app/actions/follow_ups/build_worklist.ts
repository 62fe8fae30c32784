import db from '@adonisjs/lucid/services/db'
import FollowUp from '#models/follow_up'
import Cohort from '#models/cohort'
import { PARIS, nowInParis, sqlDate } from '#services/sql_time'

export type WorklistFilter = { cohortId: number | null }

/**
 * Answered follow-ups shown: the latest ones, the call list is what matters.
 */
const ANSWERED_SHOWN = 50

/**
 * The coordinator's follow-up worklist for an organisation: to call first
 * (reminded, still no answer), then waiting (due or emailed), then the
 * latest answered, each with the trainee's phone and the latest
 * observation of that checkpoint. Optionally one cohort.
 */
export default class BuildWorklist {
  async handle({ organizationId, cohortId }: { organizationId: number } & WorklistFilter) {
    const today = nowInParis().startOf('day')
    const base = () => {
      const query = FollowUp.query()
        .where('follow_ups.organization_id', organizationId)
        .whereIn(
          'follow_ups.enrollment_id',
          db.from('enrollments').whereNotNull('exit_on').select('id')
        )
        .preload('enrollment', (enrollment) => enrollment.preload('trainee').preload('cohort'))
      if (cohortId) {
        query.whereIn(
          'follow_ups.enrollment_id',
          db.from('enrollments').where('cohort_id', cohortId).select('id')
        )
      }
      return query
    }

    const [toCall, waiting, answered, cohorts] = await Promise.all([
      base().where('status', 'to_call').orderBy('due_on').orderBy('id'),
      base()
        .whereIn('status', ['due', 'sent'])
        .where('due_on', '<=', sqlDate(today))
        .orderBy('due_on')
        .orderBy('id'),
      base()
        .where('status', 'answered')
        .orderBy('answered_at', 'desc')
        .orderBy('id', 'desc')
        .limit(ANSWERED_SHOWN),
      Cohort.query().where('organization_id', organizationId).orderBy('name').select('id', 'name'),
    ])

    return { toCall, waiting, answered, cohorts, today, zone: PARIS }
  }
}
