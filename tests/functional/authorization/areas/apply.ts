import { everyone, type MatrixEntry } from '#tests/functional/authorization/expectations'

const cohort = (side: { cohort: { id: number } }) => ({ id: side.cohort.id })

/**
 * The public application form: open to everyone, signed in or not. The
 * world's cohorts are running, not recruiting, so their form, its sending
 * and the thanks page answer 404 to all (tests/functional/apply covers a
 * recruiting cohort). Not scoped: it spans organisations by design.
 */
export const apply: Record<string, MatrixEntry> = {
  'apply.index': { expect: everyone('ok') },
  'apply.create': { expect: everyone('missing'), params: cohort },
  'apply.store': { expect: everyone('missing'), params: cohort, body: () => ({}) },
  'apply.thanks': { expect: everyone('missing'), params: cohort },
}
