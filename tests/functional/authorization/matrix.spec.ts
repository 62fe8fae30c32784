import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import { buildWorld, type Side } from '#tests/helpers/world'
import type { Role } from '#enums/role'

/**
 * What each kind of visitor gets from each route:
 *   ok        2xx page
 *   login     sent to the login page
 *   forbidden 403 page
 *   missing   404 page (an id outside the visitor's reach)
 *   redirect  sent elsewhere (a form handled, a signed-in person sent home…)
 */
type Outcome = 'ok' | 'login' | 'forbidden' | 'missing' | 'redirect'
type Actor = 'guest' | Role
type Expectation = Record<Actor, Outcome>

const ACTORS: Actor[] = ['guest', 'admin', 'coordinator', 'trainer', 'trainee', 'funder']

const everyone = (outcome: Outcome): Expectation => ({
  guest: outcome,
  admin: outcome,
  coordinator: outcome,
  trainer: outcome,
  trainee: outcome,
  funder: outcome,
})
const guestsOnly: Expectation = { ...everyone('redirect'), guest: 'ok' }
const guestForm: Expectation = everyone('redirect')
const signedIn = (allowed: Role[]): Expectation => {
  const expectation: Expectation = { ...everyone('forbidden'), guest: 'login' }
  for (const role of allowed) expectation[role] = 'ok'
  return expectation
}

/**
 * Every registered route must appear here: a new route without an entry
 * fails the suite. `params` gives the URL parameters, per side of the world.
 */
const MATRIX: Record<
  string,
  { expect: Expectation; params?: (side: Side) => Record<string, string | number> }
> = {
  'home': { expect: { ...everyone('redirect'), guest: 'ok' } },
  'public.accessibility': { expect: everyone('ok') },
  'public.legal': { expect: everyone('ok') },
  'public.privacy': { expect: everyone('ok') },
  'locale.update': { expect: everyone('redirect') },

  'auth.login.show': { expect: guestsOnly },
  'auth.login.store': { expect: guestForm },
  'auth.magic_link.create': { expect: guestsOnly },
  'auth.magic_link.store': { expect: guestForm },
  'auth.magic_link.show': { expect: guestsOnly, params: () => ({ token: 'not-a-token' }) },
  'auth.magic_link.consume': { expect: guestForm, params: () => ({ token: 'not-a-token' }) },
  'auth.password_reset.create': { expect: guestsOnly },
  'auth.password_reset.store': { expect: guestForm },
  'auth.password_reset.edit': { expect: guestsOnly, params: () => ({ token: 'not-a-token' }) },
  'auth.password_reset.update': { expect: guestForm, params: () => ({ token: 'not-a-token' }) },
  'auth.link_sent': { expect: guestsOnly },
  'auth.logout': { expect: { ...everyone('redirect'), guest: 'login' } },

  'dashboard': { expect: { ...everyone('redirect'), guest: 'login' } },
  'coordinator.dashboard': { expect: signedIn(['admin', 'coordinator']) },
  'trainer.sessions.index': { expect: signedIn(['trainer']) },
  'trainee.planning': { expect: signedIn(['trainee']) },
  'funder.cohorts.index': { expect: signedIn(['funder']) },
  'admin.users.index': { expect: signedIn(['admin']) },

  'dev.mails.index': { expect: everyone('ok') },
  'dev.mails.show': { expect: everyone('missing'), params: () => ({ id: 'no-such-mail' }) },
  'dev.mails.html': { expect: everyone('missing'), params: () => ({ id: 'no-such-mail' }) },
}

function classify(status: number, location: string | undefined): Outcome | `status ${number}` {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 302 || status === 303) return location === '/connexion' ? 'login' : 'redirect'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'missing'
  return `status ${status}`
}

function registeredRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => !route.methods.every((method) => method === 'HEAD'))
    .map((route) => ({ name: route.name!, pattern: route.pattern, method: route.methods[0] }))
}

async function visit(
  client: ApiClient,
  route: { method: string; url: string },
  actor: Actor,
  side: Side
) {
  const request =
    route.method === 'GET' ? client.get(route.url) : client.post(route.url).form({}).withCsrfToken()
  if (actor !== 'guest') request.loginAs(side.users[actor])
  return request.redirects(0)
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

  test('every route × every role answers as expected', async ({ client, assert }) => {
    const world = await buildWorld()
    const failures: string[] = []
    let checked = 0

    for (const route of registeredRoutes()) {
      const entry = MATRIX[route.name]
      if (!entry) continue
      for (const actor of ACTORS) {
        const url = router.makeUrl(route.name, entry.params?.(world.own) ?? {})
        const response = await visit(client, { method: route.method, url }, actor, world.own)
        const outcome = classify(response.status(), response.header('location'))
        checked++
        if (outcome !== entry.expect[actor]) {
          failures.push(
            `${route.method} ${url} (${route.name}) as ${actor}: expected ${entry.expect[actor]}, got ${outcome}`
          )
        }
      }
    }

    assert.deepEqual(failures, [])
    assert.isAbove(checked, 100)
  }).timeout(120_000)
})
