import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import AttendanceRecord from '#models/attendance_record'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { currentSigningCode } from '#services/signing_code'
import { sessionAround } from '#tests/functional/attendance/roll_call_helpers'

test.group('Signing from a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a trainee signs their presence at 360×740 with the code shown', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    // The world's own session of the morning is out of the way.
    own.session.isCancelled = true
    await own.session.save()
    const session = await sessionAround(own, { startedAgo: 5 })

    const page = await visitAccessible(visit, '/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.trainee.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-planning')

    await page.getByRole('link', { name: 'Signer ma présence' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-planning/signer')
    assert.equal(await page.locator('h1').innerText(), 'Signer ma présence')
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')
    await assertAccessible(page)

    // A typo first: the message is tied to the field.
    await page.getByLabel('Code de la séance (obligatoire)').fill('12')
    await page.getByRole('button', { name: 'Signer ma présence' }).click()
    await page.waitForLoadState('load')
    assert.include(
      await page.locator('#field-code-error').innerText(),
      'Écrivez les 6 chiffres du code affiché par votre formateur ou formatrice.'
    )
    await assertAccessible(page)

    await page
      .getByLabel('Code de la séance (obligatoire)')
      .fill(currentSigningCode(session.id).code)
    await page.getByRole('button', { name: 'Signer ma présence' }).click()
    await page.waitForLoadState('load')
    assert.include(await page.locator('.alert--success').innerText(), 'C’est signé, à')
    assert.include(await page.locator('main').innerText(), 'Vous avez signé à')
    assert.equal(await page.getByLabel('Code de la séance (obligatoire)').count(), 0)
    await assertAccessible(page)

    const record = await AttendanceRecord.query()
      .where('class_session_id', session.id)
      .where('enrollment_id', own.enrollment.id)
      .firstOrFail()
    assert.equal(record.signatureMethod, 'trainee_phone')
    assert.include(record.signatureDevice ?? '', 'Mozilla')
  }).timeout(60_000)

  test('the QR code opens the signing page with the code filled in', async ({ visit, assert }) => {
    const { own } = await buildWorld()
    // The world's own session of the morning is out of the way.
    own.session.isCancelled = true
    await own.session.save()
    const session = await sessionAround(own, { startedAgo: 5 })
    const code = currentSigningCode(session.id).code

    const page = await visitAccessible(visit, '/connexion')
    await page.setViewportSize({ width: 360, height: 740 })
    await page
      .getByLabel('Adresse e-mail (obligatoire)', { exact: true })
      .fill(own.users.trainee.email)
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-planning')

    await visitAccessible(
      (url) => page.goto(url).then(() => page),
      `/mon-planning/signer?seance=${session.id}&code=${code}`
    )
    assert.equal(await page.getByLabel('Code de la séance (obligatoire)').inputValue(), code)
    await page.getByRole('button', { name: 'Signer ma présence' }).click()
    await page.waitForLoadState('load')
    assert.include(await page.locator('.alert--success').innerText(), 'C’est signé')
  }).timeout(60_000)
})
