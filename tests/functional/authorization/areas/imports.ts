import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersSentOn = signedIn(['admin', 'coordinator'], 'redirect')
const cohortId = (side: Side) => ({ id: side.cohort.id })

/**
 * Importing a referral list and exporting the pipeline. Without a stored
 * upload the mapping, preview and import steps send the coordinator back
 * to the upload page (or back after a refused form), and the upload form
 * without a file is refused: nothing is written between visits.
 */
export const imports: Record<string, MatrixEntry> = {
  'coordinator.applications.import.create': { expect: managers, params: cohortId, scoped: true },
  'coordinator.applications.import.store': {
    expect: managersSentOn,
    params: cohortId,
    scoped: true,
  },
  'coordinator.applications.import.mapping': {
    expect: managersSentOn,
    params: cohortId,
    scoped: true,
  },
  'coordinator.applications.import.preview': {
    expect: managersSentOn,
    params: cohortId,
    scoped: true,
  },
  'coordinator.applications.import.confirm': {
    expect: managersSentOn,
    params: cohortId,
    scoped: true,
    body: () => ({ upload: 'not-a-uuid' }),
  },
  'coordinator.applications.export': { expect: managers, params: cohortId, scoped: true },
}
