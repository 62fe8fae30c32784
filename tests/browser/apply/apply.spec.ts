import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import mailbox from '#services/mailbox'
import Application from '#models/application'

test.group('Applying from a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => mailbox.clear())

  test('a person applies at 360×740 without an account, by the labels alone', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.cohort.status = 'recruiting'
    await own.cohort.save()

    const list = await visitAccessible(visit, '/candidater')
    await list.setViewportSize({ width: 360, height: 740 })
    await assertAccessible(list)
    await list.getByRole('link', { name: /Je candidate.*Promotion alpha/ }).click()
    await list.waitForURL((url) => url.pathname === `/candidater/${own.cohort.id}`)
    const page = list

    assert.equal(await page.locator('h1').count(), 1)
    await assertAccessible(page)
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')

    // A first try with a mistake: the message shows on its field, answers are kept.
    await page.getByLabel('Prénom (obligatoire)', { exact: true }).fill('Awa')
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill('Diallo')
    await page.getByLabel('Date de naissance (obligatoire)').fill('1990-03-21')
    await page.getByLabel('Une femme').check()
    await page.getByLabel('Adresse e-mail (obligatoire)').fill('awa.diallo@exemple.test')
    await page.getByLabel('Téléphone (obligatoire)').fill('06 12 34')
    await page.getByLabel('Adresse (obligatoire)', { exact: true }).fill('12 rue des Lilas')
    await page.getByLabel('Code postal (obligatoire)').fill('76000')
    await page.getByLabel('Ville (obligatoire)').fill('Rouen')
    await page.getByLabel('CAP ou BEP').check()
    await page
      .getByRole('group', { name: /France Travail \(demandeur/ })
      .getByLabel('Oui')
      .check()
    await page.getByLabel('Si oui : depuis quand ?').fill('2025-09')
    await page.getByLabel('La Mission Locale').check()
    await page.getByLabel('Quand êtes-vous disponible ? (obligatoire)').fill('Tous les jours')
    await page
      .getByLabel('Pourquoi voulez-vous suivre cette formation ? (obligatoire)')
      .fill('Je veux apprendre le numérique. <b>Vraiment</b>.')
    await page
      .getByRole('checkbox', { name: /garde mes réponses pour étudier ma candidature/ })
      .check()
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click()
    await page.waitForLoadState('load')

    assert.equal(new URL(page.url()).pathname, `/candidater/${own.cohort.id}`)
    assert.include(
      await page.locator('#field-phone-error').innerText(),
      'Écrivez votre numéro de téléphone avec 10 chiffres'
    )
    assert.equal(await page.getByLabel('Ville (obligatoire)').inputValue(), 'Rouen')
    await assertAccessible(page)

    await page.getByLabel('Téléphone (obligatoire)').fill('06 12 34 56 78')
    // An unticked box is not sent back: tick the consent again.
    await page
      .getByRole('checkbox', { name: /garde mes réponses pour étudier ma candidature/ })
      .check()
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click()
    await page.waitForURL((url) => url.pathname === `/candidater/${own.cohort.id}/merci`)

    assert.equal(await page.locator('h1').innerText(), 'Merci, votre candidature est bien reçue.')
    assert.include(
      await page.locator('main').innerText(),
      'Nous vous appelons ou vous écrivons dans les 10 jours.'
    )
    await assertAccessible(page)

    const application = await Application.query()
      .where('cohort_id', own.cohort.id)
      .where('status', 'submitted')
      .preload('trainee')
      .firstOrFail()
    assert.equal(application.trainee.phone, '0612345678')
    assert.equal(application.motivation, 'Je veux apprendre le numérique. <b>Vraiment</b>.')

    const mail = await mailbox.latestTo('awa.diallo@exemple.test')
    assert.equal(mail?.subject, 'Votre candidature est bien reçue')
  }).timeout(60_000)
})
