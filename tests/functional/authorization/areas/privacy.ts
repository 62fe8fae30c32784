import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const personId = (side: Side) => ({ id: side.trainee.id })

/**
 * A person's data: page, export (right of access) and erasure. The
 * erasure is posted without its confirmation box, so validation sends it
 * back and nothing changes between visits.
 */
export const privacy: Record<string, MatrixEntry> = {
  'coordinator.people.show': { expect: managers, params: personId, scoped: true },
  'coordinator.people.export': { expect: managers, params: personId, scoped: true },
  'coordinator.people.anonymize': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: personId,
    scoped: true,
    body: () => ({}),
  },
}
