import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import type { Role } from '#enums/role'

/**
 * Each role signs in through the login form and lands on its own home,
 * every page visited passing axe.
 */
const HOMES: { role: Role; path: string; h1: string }[] = [
  { role: 'coordinator', path: '/coordination', h1: 'Tableau de bord' },
  { role: 'trainer', path: '/formateur/seances', h1: 'Mes séances de la semaine' },
  { role: 'trainee', path: '/mon-planning', h1: 'Mon planning' },
  { role: 'funder', path: '/financeur/promotions', h1: 'Les promotions que vous financez' },
  { role: 'admin', path: '/admin/comptes', h1: "Comptes de l'organisme" },
]

test.group('Signing in, in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a {role} signs in and lands on their home')
    .with(HOMES)
    .run(async ({ visit, assert }, row) => {
      const { own } = await buildWorld()
      const page = await visitAccessible(visit, '/connexion')

      await page
        .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
        .fill(own.users[row.role].email)
      await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.waitForURL((url) => url.pathname === row.path)

      assert.equal(await page.locator('h1').innerText(), row.h1)
      await assertAccessible(page)

      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await page.waitForURL((url) => url.pathname === '/')
    })

  test('a wrong password shows the error at the top of the form, accessibly', async ({
    visit,
    assert,
  }) => {
    await buildWorld()
    const page = await visitAccessible(visit, '/connexion')
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill('coordinator@alpha.test')
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('pas-le-bon')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForLoadState('load')

    assert.include(await page.getByRole('alert').first().innerText(), 'mot de passe incorrect')
    assert.equal(
      await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).inputValue(),
      'coordinator@alpha.test'
    )
    await assertAccessible(page)
  })

  test("the trainee's planning reads well on a 360-px phone", async ({ visit, assert }) => {
    const { own } = await buildWorld()
    const page = await visit('/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.trainee.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-planning')

    assert.equal(await page.locator('h1').innerText(), 'Mon planning')
    assert.include(await page.locator('main').innerText(), 'de 09h00 à 12h30')
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')
    await assertAccessible(page)
  })
})
