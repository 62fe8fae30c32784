import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import app from '@adonisjs/core/services/app'
import sessionConfig from '#config/session'
import { buildWorld, removeWorldFiles } from '#tests/helpers/world'
import { MATRIX, registeredRoutes } from '#tests/functional/authorization/matrix_entries'
import { allowedActor, send } from '#tests/functional/security/helpers'

/**
 * The script sources a CSP header allows, or null without a CSP.
 */
function scriptSources(csp: string | undefined) {
  if (!csp) return null
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name.toLowerCase(), values])
  )
  return directives['script-src'] ?? directives['default-src'] ?? null
}

/**
 * What in a page would need inline scripts: a <script> without `src`, an
 * `on…=` event attribute, a `javascript:` address.
 */
function inlineScripts(html: string) {
  const found: string[] = []
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/\ssrc\s*=/i.test(tag)) found.push(tag)
  }
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const handler = tag.match(/\s(on[a-z]+)\s*=/i)
    if (handler) found.push(`${handler[1]} in ${tag.slice(0, 80)}`)
    if (/=\s*["']?\s*javascript:/i.test(tag)) found.push(`javascript: in ${tag.slice(0, 80)}`)
  }
  return found
}

test.group('Web security: content security policy', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the page scan finds inline scripts, event handlers and javascript: links', ({ assert }) => {
    assert.lengthOf(
      inlineScripts(
        '<script>alert(1)</script><script type="module" src="/app.js"></script>' +
          '<button onclick="go()">x</button><a href="javascript:go()">y</a>'
      ),
      3
    )
  })

  test('every page sends a CSP without unsafe-inline scripts and holds no inline script nor event handler', async ({
    client,
    assert,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const failures: string[] = []
    let pages = 0
    let responses = 0

    for (const route of registeredRoutes().filter((candidate) => candidate.method === 'GET')) {
      const entry = MATRIX[route.name]
      const actor = allowedActor(entry) ?? 'guest'
      const response = await send(client, route, entry, world.own, actor, { csrf: false })
      responses++
      const label = `${route.pattern} (${route.name}) as ${actor}`
      const sources = scriptSources(response.header('content-security-policy'))
      if (!sources) failures.push(`${label}: no CSP script-src`)
      else if (sources.some((source: string) => /unsafe-(inline|eval)|^\*$|^data:$/.test(source))) {
        failures.push(`${label}: script-src ${sources.join(' ')}`)
      }
      if (String(response.header('content-type')).startsWith('text/html')) {
        pages++
        for (const inline of inlineScripts(response.text())) failures.push(`${label}: ${inline}`)
      }
    }

    console.log(
      `  CSP: ${responses} GET routes checked for the header, ${pages} HTML pages scanned`
    )
    assert.deepEqual(failures, [])
    assert.isAbove(pages, 50)
  }).timeout(120_000)

  test('error pages too: an id out of reach answers 404 with the same CSP', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const response = await client
      .get(`/coordination/promotions/${world.other.cohort.id}`)
      .loginAs(world.own.users.coordinator)
    response.assertStatus(404)
    assert.deepEqual(scriptSources(response.header('content-security-policy')), [`'self'`])
  })
})

test.group('Web security: session cookie', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the session cookie set on sign-in is HttpOnly and SameSite=Lax', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const { cookieName } = await sessionConfig.resolver(app)
    const response = await client
      .post('/connexion')
      .form({ email: world.own.users.coordinator.email, password: 'password-123' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/tableau-de-bord')

    const setCookie = ([] as string[]).concat(response.header('set-cookie') ?? [])
    const session = setCookie.find((cookie) => cookie.startsWith(`${cookieName}=`))
    assert.exists(session, 'the session cookie is set')
    const attributes = session!.split(';').map((part) => part.trim().toLowerCase())
    assert.include(attributes, 'httponly')
    assert.include(attributes, 'samesite=lax')
    // The tests talk plain HTTP: Secure only in production (next test).
    assert.notInclude(attributes, 'secure')
  })

  test('in production the session cookie is Secure, HttpOnly and SameSite', async ({ assert }) => {
    const inTest = await sessionConfig.resolver(app)
    assert.isFalse(inTest.cookie.secure, 'tests run over plain HTTP')

    // The configuration as production reads it: the same file, evaluated
    // again while the application says it runs in production.
    Object.defineProperty(app, 'inProduction', { get: () => true, configurable: true })
    let production: Awaited<ReturnType<typeof sessionConfig.resolver>>
    try {
      const file = new URL('../../../config/session.ts?production', import.meta.url).href
      const module: { default: typeof sessionConfig } = await import(file)
      production = await module.default.resolver(app)
    } finally {
      delete (app as { inProduction?: boolean }).inProduction
    }
    assert.isFalse(app.inProduction)
    assert.isTrue(production.cookie.secure)
    assert.isTrue(production.cookie.httpOnly)
    assert.include(['lax', 'strict'], String(production.cookie.sameSite))
    assert.equal(production.cookieName, inTest.cookieName)
  })
})
