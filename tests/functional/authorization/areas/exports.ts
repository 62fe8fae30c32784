import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

/**
 * Outcome exports. The forms are sent with a period validation refuses, so
 * no run is created between visits. A run belongs to the person who asked
 * it, whatever their role: the matrix visits the run the side's funder
 * account asked (built, its file stored), which only that account reaches;
 * everyone else signed in gets 404, as the funder does on another funder's
 * run (same organisation's cohorts or another's). runs.spec.ts checks a
 * coordinator's run.
 */
const fundersRun: MatrixEntry = {
  expect: { ...everyone('missing'), guest: 'login', funder: 'ok' },
  params: (side: Side) => ({ id: side.exportRun!.id }),
  scoped: true,
  funderScoped: true,
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
  'exports.show': fundersRun,
  'exports.progress': fundersRun,
  'exports.download': fundersRun,
}
