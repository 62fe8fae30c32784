import db from '@adonisjs/lucid/services/db'

/**
 * Empties every table, for the few tests whose data must be committed
 * (another process or connection reads it): in one TRUNCATE on PostgreSQL
 * (Lucid's `db:truncate` truncates tables in parallel, which deadlocks
 * there), table by table with foreign keys off on SQLite.
 *
 *   group.each.setup(async () => {
 *     await truncateAll()
 *     return () => truncateAll()
 *   })
 */
export async function truncateAll() {
  const client = db.connection()
  const all: string[] = await client.getAllTables(['public'])
  const tables = all.filter((table) => !['adonis_schema', 'adonis_schema_versions'].includes(table))
  if (client.dialect.name === 'postgres') {
    const list = tables.map((table) => `"${table}"`).join(', ')
    await db.rawQuery(`TRUNCATE ${list} RESTART IDENTITY CASCADE`)
    return
  }
  await db.rawQuery('PRAGMA foreign_keys = OFF')
  try {
    for (const table of tables) await db.from(table).delete()
    await db.rawQuery('DELETE FROM sqlite_sequence').catch(() => {})
  } finally {
    await db.rawQuery('PRAGMA foreign_keys = ON')
  }
}
