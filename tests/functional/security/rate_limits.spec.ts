import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import type { ApiClient } from '@japa/api-client'
import LoginToken from '#models/login_token'
import Application from '#models/application'
import AttendanceRecord from '#models/attendance_record'
import { buildWorld } from '#tests/helpers/world'
import { applicationForm, openRecruiting } from '#tests/functional/apply/helpers'
import { sessionAround } from '#tests/functional/attendance/roll_call_helpers'
import { currentSigningCode } from '#services/signing_code'
import { LOGIN_ATTEMPTS, LOGIN_ATTEMPTS_PER_NETWORK } from '#controllers/auth/session_controller'
import { APPLICATIONS_PER_HOUR } from '#controllers/public/applications_controller'
import { SIGNING_ATTEMPTS } from '#actions/roll_calls/sign_attendance'

const TOO_MANY_TRIES = "Trop d'essais. Réessayez dans 15 minutes."
const TOO_MANY_REQUESTS = 'Trop de demandes. Réessayez dans quelques minutes.'

function login(client: ApiClient, email: string, password: string) {
  return client.post('/connexion').form({ email, password }).withCsrfToken().redirects(0)
}

/**
 * Each limited form takes N requests; the N+1th is refused with a French
 * message saying what to do, and does nothing.
 */
test.group('Web security: rate limits', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('login: after N wrong passwords for one address, the right one is refused too', async ({
    client,
  }) => {
    const world = await buildWorld()
    const email = world.own.users.coordinator.email
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS.requests; attempt++) {
      const wrong = await login(client, email, `faux-${attempt}`)
      wrong.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
    }
    const blocked = await login(client, email, 'password-123')
    blocked.assertHeader('location', '/connexion')
    blocked.assertFlashMessage('error', TOO_MANY_TRIES)
  })

  test('login: after N wrong passwords from one network on many addresses, the next address is refused', async ({
    client,
  }) => {
    const world = await buildWorld()
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS_PER_NETWORK.requests; attempt++) {
      const wrong = await login(client, `personne-${attempt}@exemple.test`, 'un-mot-de-passe')
      wrong.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
    }
    const blocked = await login(client, world.own.users.admin.email, 'password-123')
    blocked.assertHeader('location', '/connexion')
    blocked.assertFlashMessage('error', TOO_MANY_TRIES)
  }).timeout(60_000)

  test('magic-link requests: the 6th within 15 minutes is refused and sends nothing', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const trainee = world.own.users.trainee
    const ask = () =>
      client.post('/connexion/lien').form({ email: trainee.email }).withCsrfToken().redirects(0)
    for (let request = 0; request < 5; request++) {
      const sent = await ask()
      sent.assertHeader('location', '/lien-envoye')
    }
    const issued = await LoginToken.query().where('user_id', trainee.id).count('* as total')
    const refused = await ask()
    refused.assertHeader('location', '/connexion/lien')
    refused.assertFlashMessage('error', TOO_MANY_REQUESTS)
    const after = await LoginToken.query().where('user_id', trainee.id).count('* as total')
    assert.equal(after[0].$extras.total, issued[0].$extras.total)
  })

  test('password-reset requests: the 6th within 15 minutes is refused and sends nothing', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const coordinator = world.own.users.coordinator
    const ask = () =>
      client
        .post('/mot-de-passe/oubli')
        .form({ email: coordinator.email })
        .withCsrfToken()
        .redirects(0)
    for (let request = 0; request < 5; request++) {
      const sent = await ask()
      sent.assertHeader('location', '/lien-envoye')
    }
    const issued = await LoginToken.query().where('user_id', coordinator.id).count('* as total')
    const refused = await ask()
    refused.assertHeader('location', '/mot-de-passe/oubli')
    refused.assertFlashMessage('error', TOO_MANY_REQUESTS)
    const after = await LoginToken.query().where('user_id', coordinator.id).count('* as total')
    assert.equal(after[0].$extras.total, issued[0].$extras.total)
  })

  test('public application form: one more than the hourly allowance is refused, nothing stored', async ({
    client,
    assert,
  }) => {
    const world = await buildWorld()
    const cohort = await openRecruiting(world.own)
    const apply = (n: number) =>
      client
        .post(`/candidater/${cohort.id}`)
        .form(applicationForm({ email: `candidate-${n}@exemple.test`, last_name: `Numéro ${n}` }))
        .withCsrfToken()
        .redirects(0)
    const before = await Application.query().where('cohort_id', cohort.id).count('* as total')
    for (let n = 0; n < APPLICATIONS_PER_HOUR; n++) {
      const sent = await apply(n)
      sent.assertHeader('location', `/candidater/${cohort.id}/merci`)
    }
    const refused = await apply(APPLICATIONS_PER_HOUR)
    refused.assertHeader('location', `/candidater/${cohort.id}`)
    refused.assertFlashMessage(
      'error',
      'Trop de candidatures envoyées depuis cette connexion. Réessayez dans une heure.'
    )
    const after = await Application.query().where('cohort_id', cohort.id).count('* as total')
    assert.equal(
      Number(after[0].$extras.total),
      Number(before[0].$extras.total) + APPLICATIONS_PER_HOUR
    )
  }).timeout(60_000)

  test('self-signing codes: after N wrong codes the right one is refused, nothing signed', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own, { startedAgo: 5 })
    const current = currentSigningCode(session.id).code
    const wrong = current === '999999' ? '999998' : '999999'
    const sign = (code: string) =>
      client
        .post('/mon-planning/signer')
        .loginAs(own.users.trainee)
        .withCsrfToken()
        .form({ session_id: session.id, code })
    for (let attempt = 0; attempt < SIGNING_ATTEMPTS.requests; attempt++) {
      const refused = await sign(wrong)
      refused.assertTextIncludes('Ce code n’est pas le bon.')
    }
    const blocked = await sign(currentSigningCode(session.id).code)
    blocked.assertTextIncludes('Trop de codes faux. Réessayez dans 5 minutes')
    const record = await AttendanceRecord.query()
      .where('class_session_id', session.id)
      .where('enrollment_id', own.enrollment.id)
      .first()
    assert.isNull(record)
  })
})
