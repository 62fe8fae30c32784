/**
 * Column options for booleans, which SQLite returns as 0 and 1:
 * `@column(booleanColumn)`, or `@column(nullableBooleanColumn)` where
 * null means "not known yet".
 */
export const booleanColumn = {
  consume: (value: unknown) => Boolean(value),
}

export const nullableBooleanColumn = {
  consume: (value: unknown) => (value === null || value === undefined ? null : Boolean(value)),
}
