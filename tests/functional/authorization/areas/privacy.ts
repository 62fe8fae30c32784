import type { MatrixEntry } from '#tests/functional/authorization/expectations'

export const privacy: Record<string, MatrixEntry> = {}
