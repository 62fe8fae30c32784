import Organization from '#models/organization'
import type Cohort from '#models/cohort'
import type { CohortValidationMeta } from '#validators/cohort'

/**
 * A cohort of the given organisation (404 for any other id).
 */
export async function findCohort(organizationId: number | null, id: unknown) {
  const organization = await Organization.findOrFail(organizationId)
  return organization.related('cohorts').query().where('id', Number(id)).firstOrFail()
}

/**
 * What the cohort validator needs to check an edit: the capacity cannot
 * go below the trainees enrolled, the programme cannot change once
 * sessions are planned.
 */
export async function editMeta(cohort: Cohort): Promise<CohortValidationMeta> {
  const [enrolled, sessions] = await Promise.all([
    cohort.related('enrollments').query().whereNot('status', 'dropped_out').count('* as total'),
    cohort.related('classSessions').query().count('* as total'),
  ])
  const hasSessions = Number(sessions[0].$extras.total) > 0
  return {
    organizationId: cohort.organizationId,
    currentProgrammeId: cohort.programmeId,
    lockedProgrammeId: hasSessions ? cohort.programmeId : null,
    enrolled: Number(enrolled[0].$extras.total),
  }
}
