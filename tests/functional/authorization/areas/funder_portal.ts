import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

/**
 * Funder portal (issue 8): a funded cohort's page, for its funder only;
 * scoped: the other side's cohort is funded by the other funder (404), as
 * is a cohort of the same organisation funded by another funder.
 */
export const funderPortal: Record<string, MatrixEntry> = {
  'funder.cohorts.show': {
    expect: signedIn(['funder']),
    params: (side) => ({ id: side.cohort.id }),
    scoped: true,
    funderScoped: true,
  },
}
