import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const managers = signedIn(['admin', 'coordinator'])
const managerForm = signedIn(['admin', 'coordinator'], 'redirect')
const cohortId = (side: { cohort: { id: number } }) => ({ id: side.cohort.id })

/**
 * Coordinators' cohorts ("promotions"). Form bodies are refused by
 * validation, so nothing changes between visits.
 */
export const cohorts: Record<string, MatrixEntry> = {
  'coordinator.cohorts.index': { expect: managers },
  'coordinator.cohorts.create': { expect: managers },
  'coordinator.cohorts.store': { expect: managerForm, body: () => ({ name: '' }) },
  'coordinator.cohorts.show': { expect: managers, params: cohortId, scoped: true },
  'coordinator.cohorts.edit': { expect: managers, params: cohortId, scoped: true },
  'coordinator.cohorts.update': {
    expect: managerForm,
    params: cohortId,
    scoped: true,
    body: () => ({ name: '' }),
  },
  'coordinator.cohorts.status.update': {
    expect: managerForm,
    params: cohortId,
    scoped: true,
    body: () => ({ status: 'not-a-status' }),
  },
}
