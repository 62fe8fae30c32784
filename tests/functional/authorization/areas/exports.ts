import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'

/**
 * Outcome exports. The forms are sent with a period validation refuses, so
 * no run is created between visits. A run belongs to the person who asked
 * it, whatever their role: the matrix visits an id no one owns, which every
 * signed-in person gets as 404 (runs.spec.ts checks another user's run).
 */
const nobodysRun = {
  expect: { ...everyone('missing'), guest: 'login' as const },
  params: () => ({ id: 987654 }),
}

export const exportRuns: Record<string, MatrixEntry> = {
  'coordinator.exports.index': { expect: signedIn(['admin', 'coordinator']) },
  'coordinator.exports.store': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    body: () => ({ funder_id: 'aucun', from: 'pas-une-date', to: '' }),
  },
  'funder.exports.index': { expect: signedIn(['funder']) },
  'funder.exports.store': {
    expect: signedIn(['funder'], 'redirect'),
    body: () => ({ from: 'pas-une-date', to: '' }),
  },
  'exports.show': nobodysRun,
  'exports.progress': nobodysRun,
  'exports.download': nobodysRun,
}
