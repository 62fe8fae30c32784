import db from '@adonisjs/lucid/services/db'
import type Organization from '#models/organization'
import Cohort from '#models/cohort'
import type { CohortPayload } from '#validators/cohort'
import { cohortAttributes, replaceFunders } from '#actions/cohorts/cohort_attributes'

/**
 * Opens a cohort of one of the organisation's programmes, planned, with
 * its funders: all saved or nothing.
 */
export default class CreateCohort {
  async handle({ organization, payload }: { organization: Organization; payload: CohortPayload }) {
    return db.transaction(async (trx) => {
      const cohort = await Cohort.create(
        { ...cohortAttributes(payload), organizationId: organization.id, status: 'planned' },
        { client: trx }
      )
      await replaceFunders(cohort, payload, trx)
      return cohort
    })
  }
}
