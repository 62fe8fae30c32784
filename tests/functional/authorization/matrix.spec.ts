import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import { buildWorld, type Side } from '#tests/helpers/world'
import {
  ACTORS,
  type Actor,
  type Expectation,
  type MatrixEntry,
  type Outcome,
} from '#tests/functional/authorization/expectations'
import { foundation } from '#tests/functional/authorization/areas/foundation'
import { plannings } from '#tests/functional/authorization/areas/plannings'
import { programmes } from '#tests/functional/authorization/areas/programmes'
import { schedules } from '#tests/functional/authorization/areas/schedules'
import { cohorts } from '#tests/functional/authorization/areas/cohorts'
import { sessions } from '#tests/functional/authorization/areas/sessions'
import { apply } from '#tests/functional/authorization/areas/apply'
import { applications } from '#tests/functional/authorization/areas/applications'
import { selection } from '#tests/functional/authorization/areas/selection'
import { admission } from '#tests/functional/authorization/areas/admission'
import { imports } from '#tests/functional/authorization/areas/imports'
import { rollCall } from '#tests/functional/authorization/areas/roll_call'
import { attendanceSummary } from '#tests/functional/authorization/areas/attendance_summary'
import { absences } from '#tests/functional/authorization/areas/absences'
import { internships } from '#tests/functional/authorization/areas/internships'
import { companies } from '#tests/functional/authorization/areas/companies'
import { followUps } from '#tests/functional/authorization/areas/follow_ups'
import { evaluations } from '#tests/functional/authorization/areas/evaluations'
import { outcomes } from '#tests/functional/authorization/areas/outcomes'
import { bpf } from '#tests/functional/authorization/areas/bpf'
import { funderPortal } from '#tests/functional/authorization/areas/funder_portal'
import { exportRuns } from '#tests/functional/authorization/areas/exports'
import { qualiopi } from '#tests/functional/authorization/areas/qualiopi'
import { health } from '#tests/functional/authorization/areas/health'
import { privacy } from '#tests/functional/authorization/areas/privacy'

/**
 * Every registered route must appear in one of the area files: a new route
 * without an entry fails the suite.
 */
const MATRIX: Record<string, MatrixEntry> = {
  ...foundation,
  ...plannings,
  ...programmes,
  ...schedules,
  ...cohorts,
  ...sessions,
  ...apply,
  ...applications,
  ...selection,
  ...admission,
  ...imports,
  ...rollCall,
  ...attendanceSummary,
  ...absences,
  ...internships,
  ...companies,
  ...followUps,
  ...evaluations,
  ...outcomes,
  ...bpf,
  ...funderPortal,
  ...exportRuns,
  ...qualiopi,
  ...health,
  ...privacy,
}

function classify(status: number, location: string | undefined): Outcome | `status ${number}` {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 302 || status === 303) return location === '/connexion' ? 'login' : 'redirect'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'missing'
  return `status ${status}`
}

/**
 * On another organisation's ids, what was allowed becomes "missing".
 */
function onOtherSide(expect: Expectation): Expectation {
  const other = { ...expect }
  for (const actor of ACTORS) {
    if (other[actor] === 'ok' || other[actor] === 'redirect') other[actor] = 'missing'
  }
  return other
}

function registeredRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => !route.methods.every((method) => method === 'HEAD'))
    .map((route) => ({ name: route.name!, pattern: route.pattern, method: route.methods[0] }))
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

  test('every route × every role × own and other organisation answers as expected', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const failures: string[] = []
    let checked = 0

    for (const route of registeredRoutes()) {
      const entry = MATRIX[route.name]
      if (!entry) continue
      const cases: { label: string; target: Side; expect: Expectation }[] = [
        { label: 'own', target: world.own, expect: entry.expect },
      ]
      if (entry.scoped) {
        cases.push({ label: 'other', target: world.other, expect: onOtherSide(entry.expect) })
      }

      for (const { label, target, expect } of cases) {
        const url = router.makeUrl(route.name, entry.params?.(target) ?? {})
        for (const actor of ACTORS) {
          const response = await visit(
            client,
            { method: route.method, url, body: entry.body?.(target) ?? {} },
            actor,
            world.own
          )
          const outcome = classify(response.status(), response.header('location'))
          checked++
          if (outcome !== expect[actor]) {
            failures.push(
              `${route.method} ${url} (${route.name}, ${label} organisation) as ${actor}: expected ${expect[actor]}, got ${outcome}`
            )
          }
        }
      }
    }

    assert.deepEqual(failures, [])
    assert.isAbove(checked, 100)
  }).timeout(300_000)
})
