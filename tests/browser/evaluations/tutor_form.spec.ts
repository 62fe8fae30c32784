import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Page } from 'playwright'
import Internship from '#models/internship'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import {
  endedInternship,
  linkMailedTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'

async function signIn(visit: (url: string) => Promise<Page>, email: string) {
  const page = await visitAccessible(visit, '/connexion')
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
  return page
}

test.group('Tutor evaluation from a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a tutor answers at 360×740 from the emailed link, by the labels alone', async ({
    visit,
    assert,
  }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 1)
    await sendRequest(world.own, internship)
    const path = await linkMailedTo(email)

    const page = await visitAccessible(visit, path)
    await page.setViewportSize({ width: 360, height: 740 })
    await assertAccessible(page)
    assert.equal(await page.locator('h1').count(), 1)
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')

    const answer = (question: RegExp, label: string) =>
      page.getByRole('group', { name: question }).getByLabel(label, { exact: true }).check()

    await answer(/venu ou venue tous les jours/, 'Très satisfaisant')
    await answer(/^Ponctualité/, 'Satisfaisant')
    await answer(/^Savoir-être/, 'Très satisfaisant')
    await answer(/^Autonomie/, 'À améliorer')
    await answer(/^Qualité du travail/, 'Satisfaisant')
    await answer(/^Compétences numériques/, 'Je n’ai pas pu l’observer')
    await page.getByLabel('Vos commentaires (facultatif)').fill('Très investie, à l’écoute.')
    await answer(/Embaucheriez-vous/, 'C’est déjà fait')
    // A first try without the contract type: the message shows on its field.
    await page.getByRole('button', { name: 'Envoyer mon évaluation' }).click()
    await page.waitForLoadState('load')
    assert.include(
      await page.locator('#field-contract_type-error').innerText(),
      'Choisissez le type de contrat.'
    )
    assert.equal(
      await page.getByLabel('Vos commentaires (facultatif)').inputValue(),
      'Très investie, à l’écoute.'
    )
    await assertAccessible(page)
    const notYet = await Internship.findOrFail(internship.id)
    assert.isNull(notYet.evaluatedAt)

    await page.getByLabel(/quel type de contrat/).selectOption({ label: 'CDI' })
    await page.getByRole('button', { name: 'Envoyer mon évaluation' }).click()
    await page.waitForLoadState('load')

    assert.equal(await page.locator('h1').innerText(), 'Merci, votre évaluation est bien reçue.')
    await assertAccessible(page)
    const saved = await Internship.findOrFail(internship.id)
    assert.deepInclude(saved.evaluation, {
      attendance: 4,
      wouldHire: 'hired',
      contractType: 'cdi',
      comments: 'Très investie, à l’écoute.',
    })
    assert.deepEqual((saved.evaluation as any).skills, {
      punctuality: 3,
      attitude: 4,
      autonomy: 2,
      work_quality: 3,
      digital_skills: null,
    })
  })

  test('a coordinator sends the request from the list, which stays accessible', async ({
    visit,
    assert,
  }) => {
    const world = await buildWorld()
    const { email } = await endedInternship(world.own, 2)
    const page = await signIn(visit, world.own.users.coordinator.email)
    await page.getByRole('link', { name: 'Évaluations tuteurs' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination/evaluations-tuteurs')
    await assertAccessible(page)

    await page.getByRole('button', { name: /Envoyer la demande/ }).click()
    await page.waitForLoadState('load')
    assert.include(await page.locator('body').innerText(), 'Demande envoyée à Marc Lefèvre')
    assert.isTrue(await page.getByRole('button', { name: /Relancer/ }).isVisible())
    await assertAccessible(page)
    await linkMailedTo(email)
  })
})
