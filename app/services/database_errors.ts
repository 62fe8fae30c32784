/**
 * An error raised by the database itself (PostgreSQL's SQLSTATE, SQLite's
 * SQLITE_* codes, a lost connection): the transaction it happened in was
 * rolled back, so nothing of the change was written. Actions that write
 * several rows turn it into a refusal the person can read, keeping what
 * they typed; any other error is a bug and goes on to the error page.
 */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string') return false
  return (
    error.constructor.name === 'DatabaseError' || // pg: a SQLSTATE in `code`
    code.startsWith('SQLITE_') ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '08006'].includes(code)
  )
}

/**
 * The end of every such refusal: nothing is half-saved, try again.
 */
export const DATABASE_ERROR_ADVICE =
  'Rien n’a été enregistré, pas même en partie. Réessayez dans quelques minutes ; si cela se répète, prévenez l’équipe technique.'
