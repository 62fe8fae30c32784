/**
 * Column options for JSON values, stored as text on SQLite and as json on
 * PostgreSQL: `@column(jsonColumn)`.
 */
export const jsonColumn = {
  prepare: (value: unknown) =>
    value === null || value === undefined ? null : JSON.stringify(value),
  consume: (value: unknown) => {
    if (value === null || value === undefined) return null
    return typeof value === 'string' ? JSON.parse(value) : value
  },
}
