import type Application from '#models/application'
import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managerForm = signedIn(['admin', 'coordinator'], 'redirect')
const cohortId = (side: Side) => ({ id: side.cohort.id })

/**
 * The side's application (the one buildWorld() creates for its trainee,
 * at screening): needs `application` on the world's Side.
 */
const applicationId = (side: Side) => ({
  id: (side as Side & { application: Application }).application.id,
})

/**
 * Coordinators' applications pipeline. The move's body is refused by
 * validation, so nothing changes between visits.
 */
export const applications: Record<string, MatrixEntry> = {
  'coordinator.applications.index': { expect: managers, params: cohortId, scoped: true },
  'coordinator.cohorts.label_mix': { expect: managers, params: cohortId, scoped: true },
  'coordinator.applications.show': {
    expect: managers,
    params: applicationId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.applications.move': {
    expect: managerForm,
    params: applicationId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ status: 'not-a-status' }),
  },
}
