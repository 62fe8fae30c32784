import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import drive from '@adonisjs/drive/services/main'
import Application from '#models/application'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import {
  REFERRAL_HEADERS,
  REFERRAL_ROWS,
  csvFile,
} from '#tests/functional/applications/import_fixtures'

test.group('Importing a referral list in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('a coordinator imports a list without JavaScript help, every step passing axe', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const page = await visit('/connexion')
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.coordinator.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination')

    await page.goto(`/coordination/promotions/${own.cohort.id}/candidatures`)
    await page.getByRole('link', { name: 'Importer une liste' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/candidatures/import'))
    await assertAccessible(page)

    // A file in error first: the preview lists the rows, and offers no import.
    const rows = [...REFERRAL_ROWS, ['Martin', 'Léa', '', '', '31/02/1990', 'F', '', '', '', '']]
    await page.getByLabel('Fichier de la liste (obligatoire)').setInputFiles({
      name: 'orientations.csv',
      mimeType: 'text/csv',
      buffer: csvFile([REFERRAL_HEADERS, ...rows]),
    })
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/import/colonnes'))
    await assertAccessible(page)
    assert.equal(await page.getByLabel('Nom (obligatoire)', { exact: true }).inputValue(), '0')
    await page.getByLabel('Origine des candidatures (obligatoire)').selectOption('mission_locale')
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/import/apercu'))
    await assertAccessible(page)
    assert.include(
      await page.locator('#import-errors-list').innerText(),
      'ligne 5 : date de naissance « 31/02/1990 » invalide'
    )
    assert.equal(await page.getByRole('button', { name: /^Importer/ }).count(), 0)

    // The corrected file goes through.
    await page.getByRole('link', { name: 'Déposer un autre fichier' }).click()
    await page.getByLabel('Fichier de la liste (obligatoire)').setInputFiles({
      name: 'orientations.csv',
      mimeType: 'text/csv',
      buffer: csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS]),
    })
    await page.getByRole('button', { name: 'Envoyer le fichier' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/import/colonnes'))
    await page.getByLabel('Origine des candidatures (obligatoire)').selectOption('mission_locale')
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/import/apercu'))
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Importer 3 candidatures' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/candidatures'))
    assert.include(await page.locator('.alert--success').innerText(), '3 candidatures importées.')
    await assertAccessible(page)

    const imported = await Application.query()
      .where('cohort_id', own.cohort.id)
      .where('source', 'mission_locale')
    assert.lengthOf(imported, 3)
  }).timeout(120_000)
})
