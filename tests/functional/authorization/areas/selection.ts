import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managerForm = signedIn(['admin', 'coordinator'], 'redirect')

/**
 * Selecting applicants: scores and invitations. Every body is refused by
 * validation (no score, no date), so nothing changes between visits.
 */
export const selection: Record<string, MatrixEntry> = {
  'coordinator.applications.scores.store': {
    expect: managerForm,
    params: (side: Side) => ({ id: side.application.id }),
    scoped: true,
    traineeScoped: true,
    body: () => ({ scores: { motivation: '9' } }),
  },
  'coordinator.applications.invitation.store': {
    expect: managerForm,
    params: (side: Side) => ({ id: side.application.id }),
    scoped: true,
    traineeScoped: true,
    body: () => ({ kind: 'info_session', location: 'Salle 1' }),
  },
  'coordinator.applications.invitations.store': {
    expect: managerForm,
    params: (side: Side) => ({ id: side.cohort.id }),
    scoped: true,
    body: (side: Side) => ({ ids: [side.application.id], location: 'Salle 1' }),
  },
}
