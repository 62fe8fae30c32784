import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Page } from 'playwright'
import dispatcher from '#services/dispatcher'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'
import { mondayNineDaysAgo } from '#tests/functional/attendance/hours_helpers'

async function signIn(visit: (url: string) => Promise<Page>, email: string, path: string) {
  const page = await visitAccessible(visit, '/connexion')
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
  await page.goto(path)
  return page
}

const overflows = (page: Page) =>
  page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth'
  )

test.group('Attendance hours in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a trainee reads "Mes présences" at 360×740, accessible, without scrolling sideways', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const page = await signIn(visit, world.aliceUser.email, '/mes-presences')
    await page.setViewportSize({ width: 360, height: 740 })
    assert.equal(await page.locator('h1').innerText(), 'Mes présences')
    const meter = page.getByRole('meter', { name: 'Heures suivies sur les heures prévues' })
    assert.equal(await meter.getAttribute('value'), '575')
    assert.include(
      await page.locator('main').innerText(),
      'Vous avez suivi 9 h 35 sur 24 h 30 prévues, soit 39 %.'
    )
    assert.isFalse(await overflows(page), 'no horizontal scrolling on a phone')
    await assertAccessible(page)
  })

  test('a coordinator’s attendance page and dashboard alerts are accessible', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })
    await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: world.cohort.id })

    const page = await signIn(
      visit,
      own.users.coordinator.email,
      `/coordination/promotions/${world.cohort.id}/presences`
    )
    assert.equal(await page.locator('h1').innerText(), 'Présences de la promotion')
    await assertAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await assertAccessible(page)

    await page.goto('/coordination')
    await page.setViewportSize({ width: 1280, height: 900 })
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Alerte vue / traitée' }).first().click()
    await page.waitForURL((url) => url.pathname === '/coordination')
    assert.include(
      await page.locator('main').innerText(),
      'L’alerte est marquée comme vue et traitée.'
    )
    await assertAccessible(page)
  })
})
