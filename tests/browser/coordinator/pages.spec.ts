import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld, type Side } from '#tests/helpers/world'

/**
 * The coordinator's pages for programmes, cohorts and schedules, visited in
 * a browser after signing in: each answers, has one h1 and passes axe.
 */
const PAGES: { label: string; path: (side: Side) => string }[] = [
  { label: 'programmes list', path: () => '/coordination/programmes' },
  { label: 'new programme', path: () => '/coordination/programmes/nouveau' },
  { label: 'programme page', path: (side) => `/coordination/programmes/${side.programme.id}` },
  {
    label: 'programme form',
    path: (side) => `/coordination/programmes/${side.programme.id}/modifier`,
  },
  {
    label: 'new module',
    path: (side) => `/coordination/programmes/${side.programme.id}/modules/nouveau`,
  },
  { label: 'cohorts list', path: () => '/coordination/promotions' },
  { label: 'new cohort', path: () => '/coordination/promotions/nouvelle' },
  { label: 'cohort page', path: (side) => `/coordination/promotions/${side.cohort.id}` },
  {
    label: 'cohort schedule',
    path: (side) => `/coordination/promotions/${side.cohort.id}/planning`,
  },
  {
    label: 'printable week',
    path: (side) => `/coordination/promotions/${side.cohort.id}/planning/imprimer`,
  },
  { label: 'session form', path: (side) => `/coordination/seances/${side.session.id}/modifier` },
]

test.group('Coordinator pages in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('every programme, cohort and schedule page passes axe', async ({ visit, assert }) => {
    const { own } = await buildWorld()
    const page = await visit('/connexion')
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.coordinator.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination')
    await assertAccessible(page)

    for (const entry of PAGES) {
      const response = await page.goto(entry.path(own))
      assert.equal(response?.status(), 200, `${entry.label} answers 200`)
      assert.equal(await page.locator('h1').count(), 1, `${entry.label} has one h1`)
      await assertAccessible(page)
    }
  }).timeout(120_000)
})
