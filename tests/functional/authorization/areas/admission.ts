import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managerForm = signedIn(['admin', 'coordinator'], 'redirect')
const applicationId = (side: Side) => ({ id: side.application.id })

/**
 * Admission and "Personne déjà connue ?" (coordinators, admins). Every
 * body is refused by validation (a note too long, a known person that is
 * not a number), so nothing changes between visits; another organisation's
 * application is a 404 before any validation.
 */
export const admission: Record<string, MatrixEntry> = {
  'coordinator.applications.admit': {
    expect: managerForm,
    params: applicationId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ admission_note: 'x'.repeat(1001) }),
  },
  'coordinator.applications.duplicate.confirm': {
    expect: managerForm,
    params: applicationId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ known_trainee_id: 'personne' }),
  },
  'coordinator.applications.duplicate.dismiss': {
    expect: managerForm,
    params: applicationId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ known_trainee_id: 'personne' }),
  },
}
