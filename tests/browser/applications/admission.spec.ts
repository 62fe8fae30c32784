import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mailbox from '#services/mailbox'
import { ApplicationFactory } from '#database/factories/application_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'

test.group('Admission in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a coordinator joins a known person, admits them, and they land on their planning from the welcome email', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { own } = await buildWorld()
    const email = `awa.${randomUUID()}@exemple.test`
    const identity = {
      organizationId: own.organization.id,
      firstName: 'Awa',
      lastName: 'Diallo',
      birthDate: DateTime.fromISO('1990-03-21'),
    }
    // Known from an earlier application; applies again with a new email.
    const known = await TraineeFactory.merge({ ...identity, email: null, phone: null }).create()
    await ApplicationFactory.merge({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: known.id,
      status: 'withdrawn',
      createdAt: DateTime.now().minus({ years: 1 }),
    }).create()
    const provisional = await TraineeFactory.merge({ ...identity, email }).create()
    const application = await ApplicationFactory.merge({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: provisional.id,
      status: 'interview',
      duplicateOfTraineeId: known.id,
    }).create()

    const page = await visit('/connexion')
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.coordinator.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/coordination')

    await page.goto(`/coordination/candidatures/${application.id}`)
    await assertAccessible(page)
    assert.include(await page.locator('#duplicate-check').innerText(), 'Désistement')
    await page.getByRole('button', { name: 'C’est la même personne : rattacher' }).click()
    await page.waitForSelector('.alert--success')
    assert.include(await page.locator('.alert--success').innerText(), 'déjà connue')
    await assertAccessible(page)

    await page.getByLabel('Note d’admission (facultative)').fill('Dossier complet.')
    await page.getByRole('button', { name: 'Admettre dans la promotion' }).click()
    await page.waitForSelector('.alert--success')
    assert.include(await page.locator('.alert--success').innerText(), 'Candidature admise')
    await assertAccessible(page)

    // The person, on their own device, reads the welcome email.
    await browserContext.clearCookies()
    const welcome = await mailbox.latestTo(email)
    const link = welcome!.text!.match(/(\/connexion\/lien\/[\w-]+)/)![1]
    const phone = await browserContext.newPage()
    await phone.setViewportSize({ width: 360, height: 740 })
    await phone.goto(link)
    await assertAccessible(phone)
    await phone.getByRole('button', { name: 'Me connecter' }).click()
    await phone.waitForURL((url) => url.pathname === '/mon-planning')
    assert.equal(await phone.locator('h1').innerText(), 'Mon planning')
    assert.include(await phone.locator('main').innerText(), 'Numérique alpha')
    await assertAccessible(phone)
  })
})
