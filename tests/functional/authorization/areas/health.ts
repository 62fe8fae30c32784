import { everyone, type MatrixEntry } from '#tests/functional/authorization/expectations'

export const health: Record<string, MatrixEntry> = {
  'health.live': { expect: everyone('ok') },
}
