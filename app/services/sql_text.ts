/**
 * Text typed in a search box, for a `like ? escape '\'` pattern: `%`, `_`
 * and `\` match themselves, not "anything".
 */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/**
 * Whether a database error is the violation of a unique index: by its name
 * on PostgreSQL, by its columns ("table.column") on SQLite.
 */
export function isUniqueViolation(error: unknown, index: string, columns: string[]) {
  const failure = error as { code?: unknown; constraint?: unknown; message?: unknown }
  if (!failure || typeof failure.code !== 'string') return false
  if (failure.code === '23505') return failure.constraint === index
  if (failure.code.startsWith('SQLITE_CONSTRAINT')) {
    const message = typeof failure.message === 'string' ? failure.message : ''
    return message.includes('UNIQUE') && columns.every((column) => message.includes(column))
  }
  return false
}

/**
 * The rows of a `db.rawQuery()` result: better-sqlite3 answers an array,
 * pg an object holding `rows`.
 */
export function rawRows<Row = Record<string, unknown>>(result: unknown): Row[] {
  return Array.isArray(result) ? result : (result as { rows: Row[] }).rows
}
