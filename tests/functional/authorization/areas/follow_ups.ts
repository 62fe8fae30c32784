import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])

/**
 * A well-formed token that matches no follow-up.
 */
const unknownToken = () => ({ token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })

/**
 * Follow-ups: the self-report link (public; an unknown token answers 404
 * to everyone), the coordinators' worklist and cohort table, the call form
 * (the world's enrollment is still active and its form is refused by
 * validation: a redirect back, nothing written), and "Ma situation".
 */
export const followUps: Record<string, MatrixEntry> = {
  'follow_ups.self_report.show': { expect: everyone('missing'), params: unknownToken },
  'follow_ups.self_report.store': {
    expect: everyone('missing'),
    params: unknownToken,
    body: () => ({ situation: 'employed' }),
  },
  'coordinator.follow_ups.index': { expect: managers },
  'coordinator.follow_ups.cohort': {
    expect: managers,
    params: (side: Side) => ({ id: side.cohort.id }),
    scoped: true,
  },
  'coordinator.follow_ups.call': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: (side: Side) => ({ id: side.enrollment.id, checkpoint: 'm3' }),
    scoped: true,
    traineeScoped: true,
    body: () => ({ result: 'pas-un-choix' }),
  },
  'trainee.situation.show': { expect: signedIn(['trainee']) },
  'trainee.situation.update': {
    expect: signedIn(['trainee'], 'redirect'),
    body: () => ({ situation: 'pas-un-choix' }),
  },
}
