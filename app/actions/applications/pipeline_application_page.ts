import type Application from '#models/application'
import { nowInParis } from '#services/sql_time'
import {
  APPLICATION_TRANSITIONS,
  transitionLabel,
} from '#actions/applications/pipeline_transitions'
import { APPLICATION_STATUS_LABELS, eligibilityBadge } from '#actions/applications/pipeline_labels'

/**
 * What an application's page shows: the person, the cohort, the
 * eligibility and its reasons, the history newest first (with who made
 * each move) and the moves offered.
 */
export default class PipelineApplicationPage {
  async handle({ application }: { application: Application }) {
    await application.load((loader) => {
      loader
        .load('trainee')
        .load('cohort')
        .load('statusChanges', (changes) =>
          changes
            .preload('changedBy')
            .clearOrder()
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
        )
    })
    const moves = APPLICATION_TRANSITIONS[application.status].map((to) => ({
      value: to,
      label: transitionLabel(application.status, to, APPLICATION_STATUS_LABELS),
    }))
    return {
      application,
      trainee: application.trainee,
      cohort: application.cohort,
      age: application.trainee.ageOn(nowInParis()),
      eligibility: eligibilityBadge(application),
      reasons: application.eligibility?.reasons ?? [],
      history: application.statusChanges,
      moves,
    }
  }
}
