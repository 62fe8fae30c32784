import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import { OUTCOME_CHECKPOINTS, type OutcomeCheckpoint } from '#enums/checkpoint'
import { describeOutcome } from '#actions/follow_ups/follow_up_wording'

export type CohortFollowUpCell = { words: string; source: string; observedOn: string } | null

/**
 * A cohort's trainees × checkpoints (exit, 3, 6, 12 months): in each cell
 * the latest situation observed, in words, plus the follow-up's status.
 * Two queries whatever the size: enrollments, then every observation of
 * the cohort (the latest per cell wins, by date then id).
 */
export default class BuildCohortFollowUps {
  async handle(cohort: Cohort) {
    const enrollments = await Enrollment.query()
      .where('cohort_id', cohort.id)
      .preload('trainee')
      .preload('followUps')
      .orderBy('id')

    const outcomes = await db
      .from('outcomes')
      .join('enrollments', 'enrollments.id', 'outcomes.enrollment_id')
      .where('enrollments.cohort_id', cohort.id)
      .where('outcomes.organization_id', cohort.organizationId)
      .orderBy('outcomes.observed_on')
      .orderBy('outcomes.id')
      .select(
        'outcomes.enrollment_id',
        'outcomes.checkpoint',
        'outcomes.situation',
        'outcomes.contract_type',
        'outcomes.contract_months',
        'outcomes.employer_name',
        'outcomes.source',
        'outcomes.observed_on'
      )

    const latest = new Map<string, CohortFollowUpCell>()
    for (const row of outcomes) {
      latest.set(`${row.enrollment_id}:${row.checkpoint}`, {
        words: describeOutcome({
          situation: row.situation,
          contractType: row.contract_type,
          contractMonths: row.contract_months,
          employerName: row.employer_name,
        }),
        source: row.source,
        observedOn: String(
          row.observed_on instanceof Date ? row.observed_on.toISOString() : row.observed_on
        ).slice(0, 10),
      })
    }

    const rows = enrollments
      .sort((a, b) => a.trainee.lastName.localeCompare(b.trainee.lastName, 'fr'))
      .map((enrollment) => ({
        enrollment,
        cells: OUTCOME_CHECKPOINTS.map((checkpoint: OutcomeCheckpoint) => ({
          checkpoint,
          outcome: latest.get(`${enrollment.id}:${checkpoint}`) ?? null,
          followUp: enrollment.followUps.find((item) => item.checkpoint === checkpoint) ?? null,
        })),
      }))
    return { rows, checkpoints: OUTCOME_CHECKPOINTS }
  }
}
