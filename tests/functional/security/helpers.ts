import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { ApiClient } from '@japa/api-client'
import { ACTORS, type Actor, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

/**
 * The content of every table (migrations' bookkeeping aside), as sorted
 * JSON lines: two equal snapshots mean nothing was written in between.
 */
export async function snapshotTables() {
  const connection = db.connection()
  const listed =
    connection.dialect.name === 'postgres'
      ? await connection.from('pg_tables').where('schemaname', 'public').select('tablename as name')
      : await connection
          .from('sqlite_master')
          .where('type', 'table')
          .whereNot('name', 'like', 'sqlite_%')
          .select('name')
  const tables: string[] = listed.map((row: { name: string }) => row.name)
  const snapshot: Record<string, string[]> = {}
  for (const table of tables.filter((name) => !name.startsWith('adonis_schema')).sort()) {
    const rows = await connection.from(table).select('*')
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return snapshot
}

/**
 * The first kind of visitor a matrix entry lets through on their own data
 * (a page shown or a form handled), or null when it lets no one through.
 */
export function allowedActor(entry: MatrixEntry): Actor | null {
  return ACTORS.find((actor) => ['ok', 'redirect'].includes(entry.expect[actor])) ?? null
}

/**
 * Sends a route's request as the given visitor of the side, without
 * following redirects; `csrf` adds the form's token.
 */
export function send(
  client: ApiClient,
  route: { name: string; method: string },
  entry: MatrixEntry,
  side: Side,
  actor: Actor,
  options: { csrf: boolean }
) {
  const url = router.makeUrl(route.name, entry.params?.(side) ?? {})
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
  const request = client[method](url).redirects(0)
  if (method !== 'get') {
    request.form(entry.body?.(side) ?? {}).header('referer', url)
    if (options.csrf) request.withCsrfToken()
  }
  if (actor !== 'guest') request.loginAs(side.users[actor])
  return request
}
