import { everyone, type MatrixEntry } from '#tests/functional/authorization/expectations'

/**
 * Probes are public: the liveness constant, and the health report whose
 * public answer carries only check names and statuses.
 */
export const health: Record<string, MatrixEntry> = {
  'health.live': { expect: everyone('ok') },
  'health': { expect: everyone('ok') },
}
