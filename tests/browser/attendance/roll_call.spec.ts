import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Page } from 'playwright'
import AttendanceRecord from '#models/attendance_record'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { currentSigningCode, signingCodeFor, signingCodeStep } from '#services/signing_code'
import { DateTime } from 'luxon'
import { enrolTrainee, sessionAround } from '#tests/functional/attendance/roll_call_helpers'

async function noHorizontalScroll(page: Page) {
  return !(await page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth'
  ))
}

test.group('Roll call on a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a trainer takes a 20-person roll call at 360×740, partly with the keyboard', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 10 })
    const names = ['Awa Diallo', 'Bilal Martin']
    const awa = await enrolTrainee(own, 'Diallo', { firstName: 'Awa' })
    const bilal = await enrolTrainee(own, 'Martin', { firstName: 'Bilal' })
    for (let index = 0; index < 17; index++) {
      const entry = await enrolTrainee(own, `Nom${String(index).padStart(2, '0')}`, {
        firstName: 'Personne',
      })
      names.push(`Personne ${entry.trainee.lastName}`)
    }

    const page = await visitAccessible(visit, '/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.trainer.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/formateur/seances')

    await page.locator(`a[href="/formateur/seances/${session.id}/appel"]`).click()
    await page.waitForURL((url) => url.pathname === `/formateur/seances/${session.id}/appel`)
    assert.include(await page.locator('h1').innerText(), 'Appel')
    assert.include(await page.locator('main').innerText(), '20 stagiaires attendus')
    assert.isTrue(await noHorizontalScroll(page), 'no horizontal scrolling on a phone')
    await assertAccessible(page)

    // Awa is absent: a tap on the big "Absent" choice.
    await page
      .getByRole('group', { name: 'Awa Diallo' })
      .getByText('Absent', { exact: true })
      .click()
    // Bilal is late by 20 minutes, with the keyboard only.
    const bilalGroup = page.getByRole('group', { name: 'Bilal Martin' })
    await bilalGroup.getByRole('radio', { name: 'Présent' }).focus()
    await page.keyboard.press('ArrowRight')
    assert.isTrue(await bilalGroup.getByRole('radio', { name: 'En retard' }).isChecked())
    await page.keyboard.press('Tab')
    await page.keyboard.type('20')
    // Everyone else at once.
    await page.getByRole('button', { name: 'Tout le monde est présent' }).first().click()
    await page.waitForURL((url) => url.pathname === `/formateur/seances/${session.id}/appel`)

    assert.include(
      await page.locator('.alert--success').innerText(),
      'L’appel est enregistré : 18 présents, 1 en retard, 1 absent. Vous avez signé la séance.'
    )
    assert.include(await page.locator('main').innerText(), 'Séance signée par le formateur')
    await assertAccessible(page)

    const records = await AttendanceRecord.query().where('class_session_id', session.id)
    assert.lengthOf(records, 20)
    const byEnrollment = new Map(records.map((record) => [record.enrollmentId, record]))
    assert.equal(byEnrollment.get(awa.enrollment.id)!.status, 'absent')
    assert.equal(byEnrollment.get(bilal.enrollment.id)!.status, 'late')
    assert.equal(byEnrollment.get(bilal.enrollment.id)!.minutesMissed, 20)

    // A bad line is shown on its field, and the error summary links to it.
    await page
      .getByRole('group', { name: 'Bilal Martin' })
      .getByLabel('Minutes manquées par Bilal Martin')
      .fill('600')
    await page.getByRole('button', { name: 'Enregistrer et signer l’appel' }).first().click()
    await page.waitForLoadState('load')
    assert.include(
      await page.locator('.error-summary').innerText(),
      'Bilal Martin ne peut pas avoir manqué 600 minutes'
    )
    assert.equal(
      await page.getByLabel('Minutes manquées par Bilal Martin').getAttribute('aria-invalid'),
      'true'
    )
    await assertAccessible(page)

    // The code page the trainer shows the room.
    await page.goto(`/formateur/seances/${session.id}/code`)
    await assertAccessible(page)
    assert.isTrue(await noHorizontalScroll(page), 'the code page fits a phone')
    const codeText = await page.locator('#signing-code').innerText()
    const shown = codeText.replace(/\D/g, '')
    const step = signingCodeStep(DateTime.now())
    assert.include(
      [currentSigningCode(session.id).code, signingCodeFor(session.id, step - 1)],
      shown
    )
    assert.equal(await page.locator('svg[role="img"]').count(), 1)
  }).timeout(90_000)
})
