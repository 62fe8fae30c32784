import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import type { CohortPayload } from '#validators/cohort'
import { cohortAttributes, replaceFunders } from '#actions/cohorts/cohort_attributes'

/**
 * Saves a cohort's details and funders together (its status changes
 * through ChangeCohortStatus only).
 */
export default class UpdateCohort {
  async handle({ cohort, payload }: { cohort: Cohort; payload: CohortPayload }) {
    return db.transaction(async (trx) => {
      cohort.useTransaction(trx)
      cohort.merge(cohortAttributes(payload))
      await cohort.save()
      await replaceFunders(cohort, payload, trx)
      return cohort
    })
  }
}
