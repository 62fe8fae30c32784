import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import type { Browser, BrowserContext, Page } from 'playwright'
import AttendanceRecord from '#models/attendance_record'
import Application from '#models/application'
import Outcome from '#models/outcome'
import mailbox from '#services/mailbox'
import { currentSigningCode } from '#services/signing_code'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { sessionAround } from '#tests/functional/attendance/roll_call_helpers'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'
import { openRecruiting } from '#tests/functional/apply/helpers'
import {
  KeyboardWalk,
  contextWithoutJavaScript,
  hasFocus,
  useSkipLink,
} from '#tests/browser/a11y/keyboard'

/**
 * The three trainee journeys (see my planning, sign my presence, declare
 * my situation) and the public application form, done with the keyboard
 * alone (Tab, Shift+Tab, Enter, Space, typing; the arrow keys inside a
 * radio group or a select), with JavaScript on and with JavaScript off.
 * Every focus stop must show the focus and follow the reading order (see
 * keyboard.ts); each page starts with the skip link.
 */
const MODES = [
  { mode: 'with JavaScript', javaScript: true },
  { mode: 'without JavaScript', javaScript: false },
]

/**
 * axe needs JavaScript in the page (its timers): the pages are audited in
 * the runs with JavaScript; without it the same server-rendered HTML is
 * used through plain forms.
 */
async function audit(page: Page, javaScript: boolean) {
  if (javaScript) await assertAccessible(page)
}

async function openContext(browser: Browser, browserContext: BrowserContext, javaScript: boolean) {
  return javaScript ? browserContext : contextWithoutJavaScript(browser)
}

/**
 * After a refused form: with JavaScript the error summary takes the focus,
 * Tab reaches its first link; without, the skip link then Tab reach it.
 * Enter on the link puts the focus in the field to correct.
 */
async function followErrorSummary(page: Page, javaScript: boolean, fieldId: string) {
  const summary = page.locator('[data-error-summary]')
  let walk: KeyboardWalk
  if (javaScript) {
    if (!(await hasFocus(summary))) throw new Error('The error summary does not take the focus')
    walk = new KeyboardWalk(page)
    await walk.restartAt(summary)
  } else {
    walk = await useSkipLink(page)
  }
  const link = summary.locator(`a[href="#${fieldId}"]`)
  await walk.tabTo(link)
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.hash === `#${fieldId}`)
  if (!(await hasFocus(page.locator(`#${fieldId}`)))) {
    throw new Error(`The error summary link does not put the focus in #${fieldId}`)
  }
  await walk.restartAt(page.locator(`#${fieldId}`))
  return walk
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto('/connexion')
  const walk = await useSkipLink(page)
  await walk.type(page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }), email)
  await walk.type(page.getByLabel('Mot de passe (obligatoire)', { exact: true }), 'password-123')
  await walk.press(page.getByRole('button', { name: 'Se connecter' }), 'Enter')
  await page.waitForURL((url) => url.pathname !== '/connexion')
}

test.group('Trainee journeys and the application form, keyboard only', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('see my planning, then sign my presence ({mode})')
    .with(MODES)
    .run(async ({ browser, browserContext, assert }, { javaScript }) => {
      const { own } = await buildWorld()
      // The world's own session of the morning is out of the way.
      own.session.isCancelled = true
      await own.session.save()
      const session = await sessionAround(own, { startedAgo: 5 })

      const context = await openContext(browser, browserContext, javaScript)
      const page = await context.newPage()
      await signInByKeyboard(page, own.users.trainee.email)

      // See my planning: today's session is listed.
      assert.equal(new URL(page.url()).pathname, '/mon-planning')
      assert.equal(await page.locator('h1').innerText(), 'Mon planning')
      assert.include(await page.locator('#today').locator('..').innerText(), own.module.title)
      await audit(page, javaScript)

      // The menu link, reached from the top of the page.
      let walk = new KeyboardWalk(page)
      await walk.press(page.getByRole('link', { name: 'Signer ma présence' }), 'Enter')
      await page.waitForURL((url) => url.pathname === '/mon-planning/signer')
      assert.equal(await page.locator('h1').innerText(), 'Signer ma présence')

      // A typo first: the error summary leads back to the field.
      walk = await useSkipLink(page)
      const code = page.getByLabel('Code de la séance (obligatoire)')
      await walk.type(code, '12')
      // Shift+Tab goes back up the page, Tab comes back to the field.
      await walk.shiftTab()
      await walk.tab()
      assert.isTrue(await hasFocus(code))
      await walk.submit(page.getByRole('button', { name: 'Signer ma présence' }), 'Space')
      walk = await followErrorSummary(page, javaScript, 'field-code')
      await audit(page, javaScript)

      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type(currentSigningCode(session.id).code)
      await walk.submit(page.getByRole('button', { name: 'Signer ma présence' }), 'Enter')
      assert.include(await page.locator('.alert--success').innerText(), 'C’est signé, à')
      await audit(page, javaScript)

      const record = await AttendanceRecord.query()
        .where('class_session_id', session.id)
        .where('enrollment_id', own.enrollment.id)
        .firstOrFail()
      assert.equal(record.signatureMethod, 'trainee_phone')
      if (!javaScript) await context.close()
    })
    .timeout(90_000)

  test('declare my situation from the emailed link ({mode})')
    .with(MODES)
    .run(async ({ browser, browserContext, assert }, { javaScript }) => {
      const { own } = await buildWorld()
      const { m3 } = await exitEnrollment(own)
      const token = await sentFollowUp(m3)

      const context = await openContext(browser, browserContext, javaScript)
      const page = await context.newPage()
      await page.goto(`/ma-situation/${token}`)
      await audit(page, javaScript)

      let walk = await useSkipLink(page)
      const situation = page.getByRole('group', { name: /Aujourd’hui, vous êtes/ })
      await walk.choose(situation, page.getByLabel('En emploi'))
      await walk.select(page.getByLabel('Type de contrat'), 'CDD')
      // The contract length is missing: refused, the answers are kept.
      await walk.submit(page.getByRole('button', { name: 'Envoyer' }), 'Enter')
      walk = await followErrorSummary(page, javaScript, 'field-contract_months')
      assert.isTrue(await page.getByLabel('En emploi').isChecked())
      await audit(page, javaScript)

      await page.keyboard.type('6')
      await walk.type(page.getByLabel('Nom de l’employeur'), 'Boulangerie Martin')
      await walk.submit(page.getByRole('button', { name: 'Envoyer' }), 'Space')
      assert.equal(await page.locator('h1').innerText(), 'Merci, c’est enregistré.')
      await audit(page, javaScript)

      const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
      assert.equal(outcome.employerName, 'Boulangerie Martin')
      assert.equal(outcome.contractMonths, 6)
      if (!javaScript) await context.close()
    })
    .timeout(90_000)

  test('declare my situation once signed in ({mode})')
    .with(MODES)
    .run(async ({ browser, browserContext, assert }, { javaScript }) => {
      const { own } = await buildWorld()
      await exitEnrollment(own)

      const context = await openContext(browser, browserContext, javaScript)
      const page = await context.newPage()
      await signInByKeyboard(page, own.users.trainee.email)
      // The menu link, reached from the top of the page.
      let walk = new KeyboardWalk(page)
      await walk.press(page.getByRole('link', { name: 'Ma situation' }), 'Enter')
      await page.waitForURL((url) => url.pathname === '/ma-situation')
      await audit(page, javaScript)

      walk = await useSkipLink(page)
      await walk.choose(
        page.getByRole('group', { name: /Aujourd’hui, vous êtes/ }),
        page.getByRole('radio', { name: 'En emploi', exact: true })
      )
      await walk.select(page.getByLabel('Si en emploi : type de contrat'), 'CDI')
      await walk.type(page.getByLabel('Nom de l’employeur'), 'Mairie de Rouen')
      await walk.submit(page.getByRole('button', { name: 'Enregistrer' }), 'Space')
      assert.equal(new URL(page.url()).pathname, '/ma-situation')
      assert.include(await page.locator('#declared').locator('..').innerText(), 'Mairie de Rouen')
      await audit(page, javaScript)

      const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
      assert.equal(outcome.contractType, 'cdi')
      assert.equal(outcome.recordedById, own.users.trainee.id)
      if (!javaScript) await context.close()
    })
    .timeout(90_000)

  test('apply to a training ({mode})')
    .with(MODES)
    .run(async ({ browser, browserContext, assert }, { javaScript }) => {
      const { own } = await buildWorld()
      await openRecruiting(own)
      await mailbox.clear()

      const context = await openContext(browser, browserContext, javaScript)
      const page = await context.newPage()
      await page.goto('/candidater')
      let walk = await useSkipLink(page)
      await walk.press(page.getByRole('link', { name: /Je candidate.*Promotion alpha/ }), 'Enter')
      await page.waitForURL((url) => url.pathname === `/candidater/${own.cohort.id}`)

      walk = await useSkipLink(page)
      await walk.type(page.getByLabel('Prénom (obligatoire)', { exact: true }), 'Awa')
      await walk.type(page.getByLabel('Nom (obligatoire)', { exact: true }), 'Diallo')
      const birth = page.getByLabel('Date de naissance (obligatoire)')
      await walk.typeDate(birth, '1990-03-21')
      assert.equal(await birth.inputValue(), '1990-03-21')
      await walk.choose(
        page.getByRole('group', { name: /^Vous êtes/ }),
        page.getByLabel('Une femme')
      )
      await walk.type(page.getByLabel('Adresse e-mail (obligatoire)'), 'awa.diallo@exemple.test')
      // A mistake: a phone number too short.
      await walk.type(page.getByLabel('Téléphone (obligatoire)'), '06 12 34')
      await walk.type(page.getByLabel('Adresse (obligatoire)', { exact: true }), '12 rue des Lilas')
      await walk.type(page.getByLabel('Code postal (obligatoire)'), '76000')
      await walk.type(page.getByLabel('Ville (obligatoire)'), 'Rouen')
      await walk.choose(
        page.getByRole('group', { name: /Votre diplôme le plus haut/ }),
        page.getByLabel('CAP ou BEP')
      )
      await walk.choose(
        page.getByRole('group', { name: /France Travail \(demandeur/ }),
        page.getByRole('group', { name: /France Travail \(demandeur/ }).getByLabel('Non')
      )
      await walk.choose(
        page.getByRole('group', { name: /Qui vous a parlé/ }),
        page.getByLabel('La Mission Locale')
      )
      await walk.type(
        page.getByLabel('Quand êtes-vous disponible ? (obligatoire)'),
        'Tous les jours'
      )
      await walk.type(
        page.getByLabel('Pourquoi voulez-vous suivre cette formation ? (obligatoire)'),
        'Je veux apprendre le numérique.'
      )
      const consent = page.getByRole('checkbox', {
        name: /garde mes réponses pour étudier ma candidature/,
      })
      await walk.tick(consent)
      assert.isTrue(await consent.isChecked())
      await walk.submit(page.getByRole('button', { name: 'Envoyer ma candidature' }), 'Enter')

      assert.equal(new URL(page.url()).pathname, `/candidater/${own.cohort.id}`)
      walk = await followErrorSummary(page, javaScript, 'field-phone')
      assert.equal(await page.getByLabel('Ville (obligatoire)').inputValue(), 'Rouen')
      await audit(page, javaScript)

      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type('06 12 34 56 78')
      // An unticked box is not sent back: tick the consent again.
      await walk.tick(consent)
      await walk.press(page.getByRole('button', { name: 'Envoyer ma candidature' }), 'Space')
      await page.waitForURL((url) => url.pathname === `/candidater/${own.cohort.id}/merci`)
      assert.equal(await page.locator('h1').innerText(), 'Merci, votre candidature est bien reçue.')
      await audit(page, javaScript)

      const application = await Application.query()
        .where('cohort_id', own.cohort.id)
        .where('status', 'submitted')
        .preload('trainee')
        .firstOrFail()
      assert.equal(application.trainee.phone, '0612345678')
      if (!javaScript) await context.close()
    })
    .timeout(120_000)
})
