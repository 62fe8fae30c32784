import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

/**
 * Plannings and calendar feeds: the trainee's and trainer's pages, their
 * private calendar address, and the public feed (unknown token → 404).
 */
export const plannings: Record<string, MatrixEntry> = {
  'calendar.show': { expect: signedIn(['trainee', 'trainer']) },
  // Regenerating only replaces the visitor's own token: harmless to repeat.
  'calendar.regenerate': { expect: signedIn(['trainee', 'trainer'], 'redirect') },
  'calendar.feed': {
    expect: everyone('missing'),
    params: () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
  },
}
