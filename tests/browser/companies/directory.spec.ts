import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import CompanyContact from '#models/company_contact'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'

test.group('Partner companies in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('on a phone, the directory, a company page and its forms pass axe', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.pastSession.partnerCompanyId = own.company.id
    await own.pastSession.save()

    const page = await visit('/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.coordinator.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination')

    await page.getByRole('link', { name: 'Entreprises' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/entreprises')
    await assertAccessible(page)

    await page.getByLabel('Nom, SIRET ou ville').fill('732 548')
    await page.getByRole('button', { name: 'Rechercher' }).click()
    await page.getByRole('link', { name: 'Entreprise alpha' }).click()
    await page.waitForURL((url) => url.pathname === `/coordination/entreprises/${own.company.id}`)
    assert.equal(await page.locator('h1').count(), 1)
    await assertAccessible(page)
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')

    await page.getByLabel('Nom complet (obligatoire)').fill('Inès Moreau')
    await page.getByLabel('Fonction').fill('Responsable RH')
    await page.getByLabel('Adresse e-mail').fill('ines@exemple.fr')
    await page.getByRole('button', { name: 'Ajouter le contact' }).click()
    await page.getByText('Le contact « Inès Moreau » est ajouté.').waitFor()
    await assertAccessible(page)
    assert.isNotNull(await CompanyContact.findBy('full_name', 'Inès Moreau'))

    await page.goto('/coordination/entreprises/nouvelle')
    await page.getByLabel('Nom de l’entreprise (obligatoire)').fill('Garage Dupuis')
    await page.getByLabel('Numéro SIRET').fill('732 829 320 00075')
    await page.getByRole('button', { name: 'Ajouter l’entreprise' }).click()
    await page.getByText('Numéro SIRET invalide').first().waitFor()
    await assertAccessible(page)
  }).timeout(120_000)
})
