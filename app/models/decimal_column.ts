/**
 * Column options for decimals, which PostgreSQL returns as strings:
 * `@column(decimalColumn)`.
 */
export const decimalColumn = {
  consume: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
}
