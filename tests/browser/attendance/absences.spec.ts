import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Page } from 'playwright'
import AttendanceRecord from '#models/attendance_record'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { nowInParis } from '#services/sql_time'
import { PDF_BYTES, absence, sessionOn } from '#tests/functional/attendance/absences_helpers'

async function signIn(visit: (url: string) => Promise<Page>, email: string, path: string) {
  const page = await visitAccessible(visit, '/connexion')
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
  await page.goto(path)
  return page
}

test.group('Absences in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('a trainee announces an absence on a phone, the page stays accessible', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionOn(own, 3, 'afternoon')
    await absence(own, { absenceReason: 'transport' })

    const page = await signIn(visit, own.users.trainee.email, '/mes-absences')
    await page.setViewportSize({ width: 360, height: 740 })
    assert.equal(await page.locator('h1').innerText(), 'Mes absences')
    await assertAccessible(page)

    await page
      .getByLabel('Premier jour d’absence (obligatoire)')
      .fill(nowInParis().plus({ days: 3 }).toISODate()!)
    await page.getByLabel('L’après-midi seulement').check()
    await page.getByLabel('Motif (obligatoire)').selectOption('job_interview')
    await page.getByLabel('Commentaire').fill('Entretien chez un employeur')
    await page
      .locator('#field-proof')
      .setInputFiles({ name: 'convocation.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES })
    await page.getByRole('button', { name: 'Prévenir de mon absence' }).click()
    await page.waitForURL((url) => url.pathname === '/mes-absences')

    assert.include(
      await page.locator('main').innerText(),
      'Votre absence est annoncée pour 1 séance.'
    )
    await assertAccessible(page)
    const record = await AttendanceRecord.query()
      .where('class_session_id', session.id)
      .firstOrFail()
    assert.equal(record.absenceReason, 'job_interview')
  })

  test('a coordinator justifies an absence; the lists and the statement are accessible', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const record = await absence(own, { absenceReason: 'illness' })

    const page = await signIn(
      visit,
      own.users.coordinator.email,
      `/coordination/promotions/${own.cohort.id}/absences`
    )
    assert.equal(await page.locator('h1').innerText(), 'Absences : Promotion alpha')
    await assertAccessible(page)

    await page.locator(`a[href="/coordination/absences/${record.id}/modifier"]`).click()
    await page.waitForURL((url) => url.pathname.endsWith('/modifier'))
    await assertAccessible(page)
    await page.getByLabel('Oui, justifiée').check()
    await page
      .locator('#field-proof')
      .setInputFiles({ name: 'arret.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES })
    await page.getByRole('button', { name: 'Enregistrer' }).click()
    await page.waitForURL((url) => url.pathname.endsWith('/modifier'))
    assert.include(await page.locator('main').innerText(), 'L’absence est enregistrée.')
    await assertAccessible(page)
    await record.refresh()
    assert.isTrue(record.absenceJustified)

    await page.goto(
      `/coordination/promotions/${own.cohort.id}/stagiaires/${own.enrollment.id}/etat-presence`
    )
    await assertAccessible(page)
    await page.setViewportSize({ width: 360, height: 740 })
    await assertAccessible(page)
  })
})
