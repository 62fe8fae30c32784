import { LRUCache } from 'lru-cache'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { compactHtml } from '#services/compact_html'
import { USER_DATA_VERSION_COLUMNS } from '#services/session_user_provider'
import type User from '#models/user'

/*
|--------------------------------------------------------------------------
| Page cache: repeat views of a page, served from memory while correct
|--------------------------------------------------------------------------
|
| A page is kept per person and per URL, with the versions of the data it
| was made from (the organisation's and the shared data's, kept by
| database triggers: database/support/data_version_triggers.ts), the
| person's own row as loaded by this request, the language,
| and the current minute. It is served again only while all of these are
| the same: any write to the organisation's data, in any process, or the
| next minute (pages speak of "now" to the minute at most) means the page
| is made anew. One small query per view reads the versions, before the
| page would be made, so a page is never kept under versions older than
| its data; for a page of the person's own organisation, that query is
| the one that reads their row for the session (#services/
| session_user_provider).
|
| What differs on every response is not kept: the CSRF token is put back
| into the page at each view, and a view with flash messages (after a form)
| is never served from nor kept in the cache. Only 200 HTML pages are kept.
|
*/

/**
 * A kept page, encoded once: the pieces between which this response's
 * CSRF token goes.
 */
type KeptPage = { pieces: Buffer[]; bytes: number }

type Scope = { organizationId: number } | { cohortId: number }

/** Versions as one string, `scope=version` sorted; a scope without a version is left out. */
function versionString(rows: { scope: string; version: unknown }[]) {
  return rows
    .filter((row) => row.version !== null && row.version !== undefined)
    .map((row) => `${row.scope}=${row.version}`)
    .sort()
    .join(',')
}

export class PageCache {
  readonly enabled: boolean
  readonly #pages: LRUCache<string, KeptPage>
  /** Served from memory / made anew, since the process started. */
  readonly stats = { hits: 0, misses: 0 }

  constructor(options: { enabled: boolean; maxMegabytes: number }) {
    this.enabled = options.enabled
    this.#pages = new LRUCache<string, KeptPage>({
      maxSize: Math.max(1, options.maxMegabytes) * 1024 * 1024,
      sizeCalculation: (page) => page.bytes || 1,
    })
  }

  /**
   * The versions the page depends on, as one string: the shared data's
   * and the organisation's (the user's, or the cohort's).
   */
  async versions(scope: Scope) {
    const query = db.from('data_versions').select('scope', 'version').where('scope', 'global')
    if ('organizationId' in scope) {
      query.orWhere('scope', `org:${scope.organizationId}`)
    } else {
      query.orWhereRaw(`scope = (select 'org:' || organization_id from cohorts where id = ?)`, [
        scope.cohortId,
      ])
    }
    return versionString(await query)
  }

  /**
   * The versions read with the person's row by the session's user provider
   * (#services/session_user_provider), in the form `versions` gives for
   * their organisation; undefined when the row was read otherwise.
   */
  versionsReadWith(user: User): string | undefined {
    const extras = user.$extras as Record<string, unknown>
    if (!(USER_DATA_VERSION_COLUMNS.global in extras)) return undefined
    return versionString([
      { scope: 'global', version: extras[USER_DATA_VERSION_COLUMNS.global] },
      {
        scope: `org:${user.organizationId}`,
        version: extras[USER_DATA_VERSION_COLUMNS.organization],
      },
    ])
  }

  key(parts: { url: string; user: User; locale: string; versions: string }) {
    const minute = Math.floor(DateTime.now().toMillis() / 60_000)
    // The person's row as this request loaded it: a funder account
    // belongs to no organisation, so its changes bump no version.
    const user = JSON.stringify({ ...parts.user.$attributes, password: undefined })
    return [parts.url, user, parts.locale, minute, parts.versions].join('\n')
  }

  /** The kept page, with this response's CSRF token in place, as UTF-8. */
  get(key: string, csrfToken: string | undefined): Buffer | undefined {
    const page = this.#pages.get(key)
    if (page === undefined) {
      this.stats.misses++
      return undefined
    }
    this.stats.hits++
    if (page.pieces.length === 1) return page.pieces[0]
    const token = Buffer.from(csrfToken ?? '')
    const chunks: Buffer[] = [page.pieces[0]]
    for (const piece of page.pieces.slice(1)) chunks.push(token, piece)
    return Buffer.concat(chunks, page.bytes + token.length * (page.pieces.length - 1))
  }

  set(key: string, page: string, csrfToken: string | undefined) {
    const html = compactHtml(page)
    const pieces = (csrfToken ? html.split(csrfToken) : [html]).map((piece) => Buffer.from(piece))
    const bytes = pieces.reduce((total, piece) => total + piece.length, 0)
    this.#pages.set(key, { pieces, bytes })
  }

  clear() {
    this.#pages.clear()
    this.stats.hits = 0
    this.stats.misses = 0
  }
}

const pageCache = new PageCache({
  enabled: env.get('PAGE_CACHE', true),
  maxMegabytes: env.get('PAGE_CACHE_MB', 64),
})

export default pageCache
