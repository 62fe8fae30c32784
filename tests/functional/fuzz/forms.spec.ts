import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { buildWorld, type Side } from '#tests/helpers/world'
import { AREAS } from '#tests/functional/authorization/matrix_entries'
import { ACTORS, type MatrixEntry } from '#tests/functional/authorization/expectations'
import { applicationForm, openRecruiting } from '#tests/functional/apply/helpers'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'
import {
  endedInternship,
  linkMailedTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'
import {
  HOSTILE_VALUES,
  JSON_VALUES,
  LONG,
  SCRIPT,
  countChanges,
  duplicatedBody,
  extraFieldsBody,
  fill,
  fillAll,
  judge,
  routeFields,
  rowCounts,
  send,
  writeRoutes,
  type RegisteredRoute,
  type Sent,
} from '#tests/functional/fuzz/helpers'

/**
 * Who sends the forms of a route: the first role it is meant for, else a
 * guest (public forms, and token links no one holds).
 */
function sender(entry: MatrixEntry, side: Side): User | null {
  if (entry.expect.guest === 'ok' || entry.expect.guest === 'redirect') return null
  for (const actor of ACTORS) {
    if (actor === 'guest') continue
    if (entry.expect[actor] === 'ok' || entry.expect[actor] === 'redirect') return side.users[actor]
  }
  return null
}

/**
 * Every hostile request for one route: each value in every field at once,
 * 100 000 characters in each field in turn, JSON with wrong types, no
 * fields, extra and duplicated fields.
 */
function variants(
  fields: Awaited<ReturnType<typeof routeFields>>,
  base: Record<string, unknown>,
  otherOrganizationId: number
): { label: string; sent: Sent }[] {
  const list: { label: string; sent: Sent }[] = []
  for (const [label, value] of Object.entries(HOSTILE_VALUES)) {
    list.push({ label, sent: { kind: 'form', body: fillAll(fields, value) } })
  }
  for (const [label, value] of Object.entries(JSON_VALUES)) {
    list.push({ label, sent: { kind: 'json', body: fillAll(fields, value) } })
  }
  for (const [name, shape] of Object.entries(fields)) {
    list.push({
      label: `100 000 characters in ${name}`,
      sent: { kind: 'form', body: { ...base, [name]: fill(shape, LONG) } },
    })
  }
  list.push({ label: 'no field at all', sent: { kind: 'raw', body: '' } })
  list.push({ label: 'duplicated fields', sent: { kind: 'raw', body: duplicatedBody(fields) } })
  list.push({
    label: 'extra fields',
    sent: { kind: 'raw', body: extraFieldsBody(base, otherOrganizationId) },
  })
  return list
}

/**
 * Routes whose form only opens in some state of the world (a recruiting
 * cohort, a link that was sent): that state, and a valid body to start
 * from. The other routes start from the matrix's body.
 */
const PREPARE: Record<
  string,
  (side: Side) => Promise<{ params?: Record<string, unknown>; body?: Record<string, unknown> }>
> = {
  'apply.store': async (side) => {
    await openRecruiting(side)
    return { body: applicationForm() }
  },
  'follow_ups.self_report.store': async (side) => {
    const followUps = await exitEnrollment(side)
    return { params: { token: await sentFollowUp(followUps.m3) }, body: { situation: 'employed' } }
  },
  'tutor_evaluation.store': async (side) => {
    const { internship, email } = await endedInternship(side, 2)
    await sendRequest(side, internship)
    const link = await linkMailedTo(email)
    return { params: { token: link.split('/').at(-1)! } }
  },
}

type Tally = { routes: number; requests: number; variants: number }
const tally: Tally = { routes: 0, requests: 0, variants: 0 }

async function fuzzRoute(
  client: ApiClient,
  route: RegisteredRoute,
  entry: MatrixEntry,
  own: Side,
  other: Side,
  failures: string[]
) {
  await limiter.clear(['memory'])
  const prepared = (await PREPARE[route.name]?.(own)) ?? {}
  const url = router.makeUrl(route.name, prepared.params ?? entry.params?.(own) ?? {})
  const user = sender(entry, own)
  const base = prepared.body ?? entry.body?.(own) ?? {}
  const fields = await routeFields(route, entry, own)
  const list = variants(fields, base, other.organization.id)
  tally.routes++
  tally.variants += list.length

  for (const { label, sent } of list) {
    const where = `${route.method} ${url} (${route.name}) — ${label}`
    const before = await rowCounts()
    const response = await send(client, route.method, url, sent, user)
    tally.requests++
    const verdict = judge(response)
    // The server runs in this process: a polluted prototype would show here.
    if (({} as Record<string, unknown>).polluted !== undefined) {
      failures.push(`${where}: Object.prototype was polluted`)
    }
    if (process.env.FUZZ_DEBUG) {
      console.log(
        `${route.name} | ${label.slice(0, 30)} | ${response.status()} ${verdict.refused ? 'refused' : 'accepted'} | ${Object.keys(fields).join(',').slice(0, 120)}`
      )
    }
    if (verdict.problem) failures.push(`${where}: ${verdict.problem}`)
    // On PostgreSQL a failed query aborts the test's transaction: say which request did it.
    const after = await rowCounts().catch((error: Error) => {
      throw new Error(
        `${where} (status ${response.status()}) broke the database transaction: ${error.message.slice(-160)}`
      )
    })
    if (verdict.refused) {
      const changes = countChanges(before, after)
      if (changes.length)
        failures.push(`${where}: refused but rows changed (${changes.join(', ')})`)
    }

    const location = response.header('location')
    if (response.status() >= 300 && response.status() < 400 && location?.startsWith('/')) {
      const next = client
        .get(location)
        .withFlashMessages(verdict.flash as Record<string, any>)
        .redirects(0)
      if (user) next.loginAs(user)
      const page = await next
      tally.requests++
      if (page.status() >= 500)
        failures.push(`${where}: next page ${location} gives ${page.status()}`)
      if (page.text().includes(SCRIPT)) {
        failures.push(`${where}: next page ${location} shows the <script> unescaped`)
      }
    }
    if (response.text().includes(SCRIPT))
      failures.push(`${where}: response shows the <script> unescaped`)
  }
}

test.group('Fuzz: every form and JSON endpoint', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('every write route belongs to an area', ({ assert }) => {
    const routes = writeRoutes()
    const known = new Set(Object.values(AREAS).flatMap((area) => Object.keys(area)))
    assert.deepEqual(
      routes.filter((route) => !known.has(route.name)).map((route) => route.name),
      []
    )
    assert.isAbove(routes.length, 50)
  })

  for (const [area, entries] of Object.entries(AREAS)) {
    test(`${area}: no 500, a clear refusal, nothing written when refused`, async ({
      client,
      assert,
    }) => {
      const inArea = writeRoutes().filter((route) => route.name in entries)
      if (!inArea.length) return
      const { own, other } = await buildWorld()
      const failures: string[] = []
      for (const route of inArea) {
        await fuzzRoute(client, route, entries[route.name], own, other, failures)
      }
      assert.deepEqual(failures, [])
    }).timeout(120_000)
  }

  test('figures', ({ assert }) => {
    console.log(
      `fuzz: ${tally.routes} write routes, ${tally.variants} variants, ${tally.requests} requests`
    )
    assert.equal(tally.routes, writeRoutes().length)
  })
})
