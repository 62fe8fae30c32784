import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import shieldConfig from '#config/shield'
import { buildWorld, removeWorldFiles } from '#tests/helpers/world'
import { MATRIX, registeredRoutes } from '#tests/functional/authorization/matrix_entries'
import { allowedActor, send, snapshotTables } from '#tests/functional/security/helpers'

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE']
const EXPIRED_PAGE = 'La page a expiré. Rechargez la page, puis recommencez.'

/**
 * Every state change needs the form's CSRF token. There is no exception:
 * even the token-authenticated public forms (tutor evaluation, follow-up
 * self-report, application form) are pages the person opens first, so
 * they carry a token like any other form; the only token-keyed route
 * without a page, the calendar feed, is a GET.
 */
test.group('Web security: CSRF on every state change', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the CSRF check covers every state-changing method and excepts no route', ({ assert }) => {
    assert.isTrue(shieldConfig.csrf.enabled)
    assert.sameMembers([...(shieldConfig.csrf.methods ?? [])], STATE_CHANGING)
    assert.deepEqual(shieldConfig.csrf.exceptRoutes, [])
  })

  test('every POST, PUT, PATCH and DELETE route refuses a request without token, and nothing is written', async ({
    client,
    assert,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const routes = registeredRoutes().filter((route) => STATE_CHANGING.includes(route.method))
    const before = await snapshotTables()
    const failures: string[] = []

    for (const route of routes) {
      const entry = MATRIX[route.name]
      // As someone the route lets through; a route that lets no one
      // through on the world's data (an unknown link's token) as a guest.
      const actor = allowedActor(entry) ?? 'guest'
      const response = await send(client, route, entry, world.own, actor, { csrf: false })
      const errors = response.flashMessages()?.errorsBag as Record<string, string> | undefined
      const flashed = errors?.E_BAD_CSRF_TOKEN
      if (response.status() !== 302 || flashed !== EXPIRED_PAGE) {
        failures.push(
          `${route.method} ${route.pattern} (${route.name}) as ${actor}: ${response.status()} ${flashed ?? 'no CSRF refusal'}`
        )
      }
    }

    console.log(
      `  CSRF: ${routes.length} state-changing routes sent without token, ${routes.length - failures.length} refused`
    )
    assert.deepEqual(failures, [])
    assert.isAbove(routes.length, 50)
    assert.deepEqual(await snapshotTables(), before, 'no table changed')
  }).timeout(120_000)

  test('the same write goes through with the token (the check above can see a write)', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const trainee = world.own.users.trainee
    const route = { name: 'calendar.regenerate', method: 'POST' }
    const entry = MATRIX[route.name]

    const before = await snapshotTables()
    const refused = await send(client, route, entry, world.own, 'trainee', { csrf: false })
    refused.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: EXPIRED_PAGE })
    assert.deepEqual(await snapshotTables(), before)

    const accepted = await send(client, route, entry, world.own, 'trainee', { csrf: true })
    accepted.assertHeader('location', '/mon-calendrier')
    assert.notDeepEqual(await snapshotTables(), before, `${trainee.email}'s new link is stored`)
  })
})
