import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'

/**
 * For `npm run bench` only: registered by start/kernel.ts when
 * BENCH_QUERY_COUNT=true, never in normal use. Answers every request with
 * the number of SQL queries it ran in an `X-Query-Count` header.
 *
 * Lucid emits `db:query` only for connections in debug mode: it is turned
 * on here (each query client reads it from its connection's config when it
 * is made). The count is process-wide, so the bench sends its requests one
 * at a time.
 */
for (const name of db.manager.connections.keys()) {
  db.manager.get(name)!.config.debug = true
}

let queries = 0
emitter.on('db:query', () => {
  queries++
})

export default class QueryCountMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const before = queries
    await next()
    ctx.response.header('X-Query-Count', String(queries - before))
  }
}
