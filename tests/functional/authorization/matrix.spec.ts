import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import { buildWorld, removeWorldFiles, type Side } from '#tests/helpers/world'
import {
  ACTORS,
  type Actor,
  type Expectation,
  type MatrixEntry,
  type Outcome,
} from '#tests/functional/authorization/expectations'
import { MATRIX, registeredRoutes } from '#tests/functional/authorization/matrix_entries'

function classify(status: number, location: string | undefined): Outcome | `status ${number}` {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 302 || status === 303) return location === '/connexion' ? 'login' : 'redirect'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'missing'
  return `status ${status}`
}

/**
 * On ids outside the visitor's reach, what was allowed becomes "missing":
 * for every actor (another organisation), or for the given one only
 * (another trainee or funder of the same organisation).
 */
function outOfReach(expect: Expectation, actors: Actor[] = ACTORS): Expectation {
  const other = { ...expect }
  for (const actor of actors) {
    if (other[actor] === 'ok' || other[actor] === 'redirect') other[actor] = 'missing'
  }
  return other
}

async function visit(
  client: ApiClient,
  route: { method: string; url: string; body: Record<string, unknown> },
  actor: Actor,
  side: Side
) {
  const request =
    route.method === 'GET'
      ? client.get(route.url)
      : client[route.method.toLowerCase() as 'post'](route.url).form(route.body).withCsrfToken()
  if (actor !== 'guest') request.loginAs(side.users[actor])
  return request.redirects(0)
}

/**
 * The sides a route is visited with: its own data, then (when the entry
 * says so) another organisation's, another trainee's and another funder's.
 */
function casesOf(entry: MatrixEntry, world: Awaited<ReturnType<typeof buildWorld>>) {
  const peers = world.own.peers!
  const cases: { label: string; target: Side; expect: Expectation }[] = [
    { label: 'own organisation', target: world.own, expect: entry.expect },
  ]
  if (entry.scoped) {
    cases.push({
      label: 'other organisation',
      target: world.other,
      expect: outOfReach(entry.expect),
    })
  }
  if (entry.traineeScoped) {
    cases.push({
      label: 'other trainee',
      target: peers.trainee,
      expect: outOfReach(entry.expect, ['trainee']),
    })
  }
  if (entry.funderScoped) {
    cases.push({
      label: 'other funder',
      target: peers.funder,
      expect: outOfReach(entry.expect, ['funder']),
    })
  }
  return cases
}

test.group('Authorization matrix', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('every registered route has a named entry in the matrix', ({ assert }) => {
    const routes = registeredRoutes()
    const unnamed = routes.filter((route) => !route.name).map((route) => route.pattern)
    assert.deepEqual(unnamed, [], 'every route is named')
    const missing = routes.map((route) => route.name).filter((name) => !(name in MATRIX))
    assert.deepEqual(missing, [], 'routes without an expected entry')
    const stale = Object.keys(MATRIX).filter((name) => !routes.some((r) => r.name === name))
    assert.deepEqual(stale, [], 'entries for routes that no longer exist')
  })

  test('every route × every role × own and other organisation, trainee and funder answers as expected', async ({
    client,
    assert,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const failures: string[] = []
    const counts = { routes: 0, organisation: 0, trainee: 0, funder: 0, checked: 0 }

    for (const route of registeredRoutes()) {
      const entry = MATRIX[route.name]
      if (!entry) continue
      counts.routes++
      for (const { label, target, expect } of casesOf(entry, world)) {
        const url = router.makeUrl(route.name, entry.params?.(target) ?? {})
        for (const actor of ACTORS) {
          const response = await visit(
            client,
            { method: route.method, url, body: entry.body?.(target) ?? {} },
            actor,
            world.own
          )
          const outcome = classify(response.status(), response.header('location'))
          counts.checked++
          if (label === 'other organisation') counts.organisation++
          if (label === 'other trainee') counts.trainee++
          if (label === 'other funder') counts.funder++
          if (outcome !== expect[actor]) {
            failures.push(
              `${route.method} ${url} (${route.name}, ${label}) as ${actor}: expected ${expect[actor]}, got ${outcome}`
            )
          }
        }
      }
    }

    console.log(
      `  authorization matrix: ${counts.routes} routes × ${ACTORS.length} actors, ` +
        `${counts.checked} route × actor × scope combinations checked ` +
        `(${counts.checked - counts.organisation - counts.trainee - counts.funder} on own data, ` +
        `${counts.organisation} on another organisation's, ${counts.trainee} on another trainee's, ` +
        `${counts.funder} on another funder's)`
    )
    assert.deepEqual(failures, [])
    assert.isAbove(counts.trainee, 0)
    assert.isAbove(counts.funder, 0)
    assert.isAbove(counts.checked, 100)
  }).timeout(300_000)
})
