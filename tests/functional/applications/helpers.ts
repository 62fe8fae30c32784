import type { ApplicationStatus } from '#enums/application_status'
import type Cohort from '#models/cohort'
import type Application from '#models/application'
import { ApplicationFactory } from '#database/factories/application_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'

/**
 * An application to the cohort from a new trainee named `lastName`.
 */
export async function applicant(
  cohort: Cohort,
  lastName: string,
  status: ApplicationStatus,
  extra: Partial<Application> = {}
) {
  const trainee = await TraineeFactory.merge({
    organizationId: cohort.organizationId,
    firstName: 'Camille',
    lastName,
  }).create()
  return ApplicationFactory.merge({
    organizationId: cohort.organizationId,
    cohortId: cohort.id,
    traineeId: trainee.id,
    status,
    ...extra,
  }).create()
}
