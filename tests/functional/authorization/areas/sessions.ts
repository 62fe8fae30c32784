import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')

/**
 * Editing the schedule: coordinators and admins of the session's
 * organisation. The forms are sent empty, so update and add are refused by
 * validation (a redirect back); cancel then restore leave the world's
 * session as it was.
 */
export const sessions: Record<string, MatrixEntry> = {
  'coordinator.sessions.create': {
    expect: managers,
    params: (side) => ({ id: side.cohort.id }),
    scoped: true,
  },
  'coordinator.sessions.store': {
    expect: managersRedirected,
    params: (side) => ({ id: side.cohort.id }),
    scoped: true,
    body: () => ({}),
  },
  'coordinator.sessions.edit': {
    expect: managers,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'coordinator.sessions.update': {
    expect: managersRedirected,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
    body: () => ({}),
  },
  'coordinator.sessions.cancel': {
    expect: managersRedirected,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'coordinator.sessions.restore': {
    expect: managersRedirected,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
}
