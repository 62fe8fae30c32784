import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Page } from 'playwright'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { buildFunderDataset } from '#tests/functional/funder/funder_dataset'

async function signIn(visit: (url: string) => Promise<Page>, email: string) {
  const page = await visitAccessible(visit, '/connexion')
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
  return page
}

const overflows = (page: Page) =>
  page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth'
  )

test.group('Funder portal in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a funder signs in, opens a funded cohort and reads its figures, accessible at desktop and 360 px', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { cohort } = await buildFunderDataset(own)

    const page = await signIn(visit, own.users.funder.email)
    await page.goto('/financeur/promotions')
    await page.setViewportSize({ width: 1280, height: 900 })
    assert.equal(await page.locator('h1').innerText(), 'Les promotions que vous financez')
    await assertAccessible(page)

    await page.getByRole('link', { name: cohort.name }).click()
    await page.waitForURL(`**/financeur/promotions/${cohort.id}`)
    assert.equal(await page.locator('h1').innerText(), cohort.name)

    // The charts are hidden from assistive technologies; their tables carry the figures.
    const profile = page.getByRole('table', { name: 'Profil des 3 personnes inscrites' })
    const women = profile.getByRole('row', { name: /Femmes/ })
    assert.deepEqual(await women.locator('td').allInnerTexts(), ['2', '3', '66,7 %', '0'])
    const exit = page.getByRole('table', { name: 'Résultats à la sortie, pour 2 sortis' })
    const gen = exit.getByRole('row', { name: /Sortie positive \(GEN\)/ })
    assert.deepEqual(await gen.locator('td').allInnerTexts(), ['1', '2', '50 %', '1'])
    assert.equal(await page.locator('.funder-chart__bars[aria-hidden="true"]').count(), 7)
    assert.include(await page.locator('main').innerText(), '7 h')
    await assertAccessible(page)

    await page.setViewportSize({ width: 360, height: 740 })
    assert.isFalse(await overflows(page), 'no horizontal scrolling on a phone')
    await assertAccessible(page)
  })
})
