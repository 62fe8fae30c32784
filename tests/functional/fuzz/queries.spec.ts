import { test } from '@japa/runner'
import qs from 'qs'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type User from '#models/user'
import { buildWorld, type Side } from '#tests/helpers/world'
import { ACTORS, type MatrixEntry } from '#tests/functional/authorization/expectations'
import { AREAS } from '#tests/functional/authorization/matrix_entries'
import {
  HOSTILE_VALUES,
  LONG,
  SCRIPT,
  fillAll,
  queryNames,
  readRoutes,
  routeFields,
} from '#tests/functional/fuzz/helpers'

/**
 * The hostile values tried in query strings: fewer than in forms, pages
 * being slower to render than refusals.
 */
const QUERY_VARIANTS = [
  'html and script',
  'sql metacharacters',
  '2^63',
  'impossible date',
  'array instead of value',
  'object instead of value',
]

/**
 * What a URL parameter may be typed as, path traversal included (already
 * encoded as it would travel).
 */
const PARAM_VARIANTS = [
  'abc',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '%00',
  '..',
  '..%2F..%2F.env',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5c.env',
  '%2Fetc%2Fpasswd',
]

/**
 * The route's URL with one parameter replaced by raw (encoded) text.
 */
function urlWith(pattern: string, params: Record<string, unknown>, key: string, raw: string) {
  return pattern.replace(/:(\w+)\??/g, (_, name: string) =>
    name === key ? raw : encodeURIComponent(String(params[name]))
  )
}

async function databaseAnswers() {
  return db
    .rawQuery('select 1')
    .then(() => true)
    .catch(() => false)
}

const MATRIX: Record<string, MatrixEntry> = Object.assign({}, ...Object.values(AREAS))

function reader(entry: MatrixEntry, side: Side): User | null {
  if (entry.expect.guest === 'ok') return null
  for (const actor of ACTORS) {
    if (actor === 'guest') continue
    if (entry.expect[actor] === 'ok' || entry.expect[actor] === 'redirect') return side.users[actor]
  }
  return null
}

/**
 * Pages and downloads read their query string (filters, weeks, years,
 * pages, import choices) and their URL ids: hostile values there never
 * give a 500 or show a script.
 */
test.group('Fuzz: query strings and URL ids of every page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('every GET route, hostile query strings and out-of-range ids', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld({ peers: true })
    const names = await queryNames()
    const failures: string[] = []
    let requests = 0
    const routes = readRoutes()
    routes: for (const route of routes) {
      const entry = MATRIX[route.name]
      if (!entry) {
        failures.push(`${route.name}: no matrix entry`)
        continue
      }
      const user = reader(entry, own)
      const params = entry.params?.(own) ?? {}
      const fields = await routeFields(route, entry, own)
      for (const name of names) fields[name] ??= { kind: 'leaf', subtype: 'string' }

      const urls: { label: string; url: string }[] = []
      const base = router.makeUrl(route.name, params)
      for (const label of QUERY_VARIANTS) {
        const value = HOSTILE_VALUES[label]
        urls.push({ label, url: `${base}?${qs.stringify(fillAll(fields, value))}` })
      }
      urls.push({
        label: 'long values',
        url: `${base}?${qs.stringify({ q: LONG.slice(0, 4000), page: '9'.repeat(400), annee: '9'.repeat(30) })}`,
      })
      for (const key of Object.keys(params)) {
        for (const raw of PARAM_VARIANTS) {
          urls.push({ label: `${key} = ${raw}`, url: urlWith(route.pattern, params, key, raw) })
        }
        if (typeof params[key] !== 'number') continue
        for (const huge of ['2147483648', '9223372036854775808', '9'.repeat(400)]) {
          urls.push({
            label: `${key} = ${huge.slice(0, 20)}`,
            url: router.makeUrl(route.name, { ...params, [key]: huge }),
          })
        }
      }

      for (const { label, url } of urls) {
        const request = client.get(url).redirects(0)
        if (user) request.loginAs(user)
        const response = await request
        requests++
        const where = `GET ${url.slice(0, 120)} (${route.name}) — ${label}`
        if (response.status() >= 500) {
          failures.push(`${where}: status ${response.status()}`)
          // On PostgreSQL a failed query aborts the test's transaction: every
          // later request would fail too, so the first failure is the one to fix.
          if (!(await databaseAnswers())) break routes
        }
        if (/root:x:0:0|APP_KEY=/.test(response.text() ?? '')) {
          failures.push(`${where}: shows a file from outside its folder`)
        }
        if ((response.text() ?? '').includes(SCRIPT)) {
          failures.push(`${where}: shows the <script> unescaped`)
        }
      }
    }
    console.log(`queries: ${routes.length} GET routes, ${requests} requests`)
    assert.deepEqual(failures, [])
  }).timeout(300_000)
})
