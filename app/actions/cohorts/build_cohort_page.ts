import type Cohort from '#models/cohort'
import { COHORT_TRANSITIONS } from '#actions/cohorts/cohort_transitions'

/**
 * What the cohort's page shows: programme, site, coordinator, funders and
 * their places, trainees enrolled and the status changes offered.
 */
export default class BuildCohortPage {
  async handle({ cohort }: { cohort: Cohort }) {
    await cohort.load((loader) => {
      loader
        .load('programme')
        .load('site')
        .load('coordinator')
        .load('funders', (funders) => funders.orderBy('name'))
    })
    const [enrolled, sessions] = await Promise.all([
      cohort.related('enrollments').query().whereNot('status', 'dropped_out').count('* as total'),
      cohort.related('classSessions').query().where('is_cancelled', false).count('* as total'),
    ])
    const placesFunded = cohort.funders.reduce(
      (sum, funder) => sum + Number(funder.$extras.pivot_places_funded ?? 0),
      0
    )
    return {
      cohort,
      enrolled: Number(enrolled[0].$extras.total),
      sessionsCount: Number(sessions[0].$extras.total),
      placesFunded,
      transitions: COHORT_TRANSITIONS[cohort.status],
    }
  }
}
