import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

const trainer = signedIn(['trainer'])
const managers = signedIn(['admin', 'coordinator'])

/**
 * Roll call and signing. The trainer's pages take the sessions they teach
 * (the world's session is taught by its trainer), the coordination pages
 * any session of the organisation; another organisation's session is a
 * 404. Forms are sent without their lines, so validation refuses them (a
 * redirect back) and nothing changes between visits. A trainee signs only
 * for themself: the signing form takes no person, only a session and code.
 */
export const rollCall: Record<string, MatrixEntry> = {
  'trainer.roll_call.show': {
    expect: trainer,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'trainer.roll_call.store': {
    expect: signedIn(['trainer'], 'redirect'),
    params: (side) => ({ id: side.session.id }),
    scoped: true,
    body: () => ({ all_present: '1' }),
  },
  'trainer.signing_code.show': {
    expect: trainer,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'coordinator.roll_call.show': {
    expect: managers,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'coordinator.roll_call.store': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: (side) => ({ id: side.session.id }),
    scoped: true,
    body: () => ({ all_present: '1' }),
  },
  'coordinator.signing_code.show': {
    expect: managers,
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'trainee.signing.show': { expect: signedIn(['trainee']) },
  'trainee.signing.store': {
    expect: signedIn(['trainee'], 'redirect'),
    body: () => ({ code: 'abc' }),
  },
}
