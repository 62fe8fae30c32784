import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import LoginToken, { type LoginTokenKind } from '#models/login_token'
import Internship from '#models/internship'
import Outcome from '#models/outcome'
import TutorEvaluation from '#models/tutor_evaluation'
import type User from '#models/user'
import IssueLoginToken from '#actions/auth/issue_login_token'
import SubmitTutorEvaluation, {
  TutorEvaluationExpired,
} from '#actions/tutor_evaluations/submit_tutor_evaluation'
import { sqlDateTime } from '#services/sql_time'
import { tutorEvaluationValidator } from '#validators/tutor_evaluation'
import { buildWorld } from '#tests/helpers/world'
import {
  VALID_ANSWERS,
  endedInternship,
  linkMailedTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'

const LINK_USED_UP = 'Ce lien ne marche plus. Demandez un nouveau lien.'
const LINK_EXPIRED_PAGE = 'Ce lien ne marche plus. Il a déjà servi ou il est trop vieux.'
const NEW_PASSWORD = { password: 'nouveau-secret-123', password_confirmation: 'nouveau-secret-123' }

async function expireLoginTokens(user: User) {
  await LoginToken.query()
    .where('user_id', user.id)
    .update({ expires_at: sqlDateTime(DateTime.utc().minus({ minutes: 1 })) })
}

function signInWith(client: ApiClient, token: string) {
  return client.post(`/connexion/lien/${token}`).withCsrfToken().redirects(0)
}

function resetWith(client: ApiClient, token: string, password = NEW_PASSWORD) {
  return client.post(`/mot-de-passe/nouveau/${token}`).form(password).withCsrfToken().redirects(0)
}

test.group('Web security: sign-in and invitation links', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  for (const kind of ['magic_link', 'welcome'] as LoginTokenKind[]) {
    const label = kind === 'welcome' ? 'an admission welcome (invitation) link' : 'a magic link'

    test(`${label} signs in once; a second use is refused with a clear message`, async ({
      client,
    }) => {
      const { own } = await buildWorld()
      const token = await new IssueLoginToken().handle({ user: own.users.trainee, kind })
      const first = await signInWith(client, token)
      first.assertStatus(302)
      first.assertHeader('location', kind === 'welcome' ? '/mon-planning' : '/tableau-de-bord')

      const second = await signInWith(client, token)
      second.assertHeader('location', '/connexion/lien')
      second.assertFlashMessage('error', LINK_USED_UP)
      const page = await client.get(`/connexion/lien/${token}`)
      page.assertTextIncludes(LINK_EXPIRED_PAGE)
    })

    test(`${label} past its expiry does not sign in, with a clear message`, async ({ client }) => {
      const { own } = await buildWorld()
      const token = await new IssueLoginToken().handle({ user: own.users.trainee, kind })
      await expireLoginTokens(own.users.trainee)

      const page = await client.get(`/connexion/lien/${token}`)
      page.assertTextIncludes(LINK_EXPIRED_PAGE)
      page.assertTextIncludes('Demander un nouveau lien')
      const used = await signInWith(client, token)
      used.assertHeader('location', '/connexion/lien')
      used.assertFlashMessage('error', LINK_USED_UP)
    })
  }
})

test.group('Web security: password reset links', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('a reset link works once, and using it cancels the other pending links', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const user = own.users.coordinator
    const token = await new IssueLoginToken().handle({ user, kind: 'password_reset' })
    const signIn = await new IssueLoginToken().handle({ user, kind: 'magic_link' })

    const first = await resetWith(client, token)
    first.assertHeader('location', '/connexion')
    first.assertFlashMessage('success', 'Votre mot de passe est changé. Connectez-vous avec lui.')

    const second = await resetWith(client, token, {
      password: 'encore-autre-123',
      password_confirmation: 'encore-autre-123',
    })
    second.assertHeader('location', '/mot-de-passe/oubli')
    second.assertFlashMessage('error', LINK_USED_UP)
    const form = await client.get(`/mot-de-passe/nouveau/${token}`)
    form.assertTextIncludes(LINK_EXPIRED_PAGE)

    const pendingSignIn = await signInWith(client, signIn)
    pendingSignIn.assertFlashMessage('error', LINK_USED_UP)

    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD.password))
  })

  test('an expired reset link is refused with a clear message, the password unchanged', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const user = own.users.coordinator
    const token = await new IssueLoginToken().handle({ user, kind: 'password_reset' })
    await expireLoginTokens(user)

    const form = await client.get(`/mot-de-passe/nouveau/${token}`)
    form.assertTextIncludes(LINK_EXPIRED_PAGE)
    const refused = await resetWith(client, token)
    refused.assertHeader('location', '/mot-de-passe/oubli')
    refused.assertFlashMessage('error', LINK_USED_UP)

    await user.refresh()
    assert.isTrue(await user.verifyPassword('password-123'))
  })

  test('links expire: reset within the hour, sign-in within 30 minutes, welcome within a week', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const user = own.users.trainee
    for (const [kind, minutes] of [
      ['password_reset', 60],
      ['magic_link', 30],
      ['welcome', 7 * 24 * 60],
    ] as const) {
      await new IssueLoginToken().handle({ user, kind })
      const issued = await LoginToken.query()
        .where('user_id', user.id)
        .where('kind', kind)
        .orderBy('id', 'desc')
        .firstOrFail()
      const left = issued.expiresAt.diffNow('minutes').minutes
      assert.isAtMost(left, minutes, kind)
      assert.isAbove(left, minutes - 5, kind)
    }
  })
})

test.group('Web security: no user enumeration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })

  test('login: an unknown address and a wrong password get the same answer', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const answer = async (email: string) => {
      const response = await client
        .post('/connexion')
        .form({ email, password: 'pas-le-bon-mot' })
        .withCsrfToken()
        .redirects(0)
      return {
        status: response.status(),
        location: response.header('location'),
        error: response.flashMessages()?.error,
      }
    }
    const unknown = await answer('personne@nulle-part.test')
    const wrong = await answer(own.users.coordinator.email)
    const noPassword = await answer(own.users.trainee.email)
    assert.deepEqual(unknown, {
      status: 302,
      location: '/connexion',
      error: 'Adresse e-mail ou mot de passe incorrect.',
    })
    assert.deepEqual(wrong, unknown)
    assert.deepEqual(noPassword, unknown)
  })

  for (const [label, path] of [
    ['password reset', '/mot-de-passe/oubli'],
    ['magic link', '/connexion/lien'],
  ]) {
    test(`${label} request: the same answer whether or not the address has an account`, async ({
      client,
      assert,
    }) => {
      const { own } = await buildWorld()
      const answer = async (email: string) => {
        const response = await client.post(path).form({ email }).withCsrfToken().redirects(0)
        return {
          status: response.status(),
          location: response.header('location'),
          flashed: response.flashMessages()?.linkSentTo === email,
        }
      }
      const known = await answer(own.users.coordinator.email)
      const unknown = await answer('personne@nulle-part.test')
      assert.deepEqual(known, { status: 302, location: '/lien-envoye', flashed: true })
      assert.deepEqual(unknown, known)
      // The page after says the same to both: "if an account exists".
      const page = await client.get('/lien-envoye')
      page.assertTextIncludes('Si un compte existe pour cette adresse')
    })
  }
})

test.group('Web security: tutor evaluation links', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function setUp() {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 1)
    const evaluation = await sendRequest(world.own, internship)
    return { world, internship, evaluation, path: await linkMailedTo(email) }
  }

  test('answered once; the second submission is refused and the first answers kept', async ({
    client,
    assert,
  }) => {
    const { path, internship } = await setUp()
    const first = await client.post(path).form(VALID_ANSWERS).withCsrfToken().redirects(0)
    first.assertStatus(302)
    const kept = await Internship.findOrFail(internship.id)

    const second = await client
      .post(path)
      .form({ ...VALID_ANSWERS, would_hire: 'no' })
      .withCsrfToken()
    second.assertStatus(409)
    second.assertTextIncludes('nous gardons vos premières réponses')
    const after = await Internship.findOrFail(internship.id)
    assert.deepEqual(after.evaluation, kept.evaluation)
  })

  test('expired: the form and its sending are refused with a clear page', async ({
    client,
    assert,
  }) => {
    const { path, internship, evaluation } = await setUp()
    await db
      .from('tutor_evaluations')
      .where('id', evaluation.id)
      .update({ expires_at: sqlDateTime(DateTime.utc().minus({ minutes: 1 })) })
    const page = await client.get(path)
    page.assertStatus(410)
    page.assertTextIncludes('Ce lien a expiré.')
    const sent = await client.post(path).form(VALID_ANSWERS).withCsrfToken()
    sent.assertStatus(410)
    const untouched = await Internship.findOrFail(internship.id)
    assert.isNull(untouched.evaluatedAt)
  })

  test('a deadline passing while the form is filled in: the answers are refused at the claim', async ({
    assert,
  }) => {
    const { internship, evaluation } = await setUp()
    // The form was opened in time: the request is loaded, still open…
    const opened = await TutorEvaluation.findOrFail(evaluation.id)
    assert.isFalse(opened.isExpired)
    // …and the deadline passes before the answers are recorded.
    await db
      .from('tutor_evaluations')
      .where('id', evaluation.id)
      .update({ expires_at: sqlDateTime(DateTime.utc().minus({ seconds: 1 })) })

    const payload = await tutorEvaluationValidator.validate({
      attendance: 4,
      skills: { punctuality: 4, attitude: 3, autonomy: 3, work_quality: 3, digital_skills: 3 },
      would_hire: 'no',
    })
    await assert.rejects(
      () => new SubmitTutorEvaluation().handle({ evaluation: opened, payload, ip: null }),
      TutorEvaluationExpired
    )
    const request = await TutorEvaluation.findOrFail(evaluation.id)
    assert.isNull(request.answeredAt)
    const untouched = await Internship.findOrFail(internship.id)
    assert.isNull(untouched.evaluatedAt)
  })
})

test.group('Web security: follow-up self-report links', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const employed = {
    situation: 'employed',
    contract_type: 'cdd',
    contract_months: '6',
    employer_name: 'Boulangerie Martin',
    job_title: 'Vendeuse',
  }

  test('answered once; the second answer is refused with a clear page', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)
    const first = await client
      .post(`/ma-situation/${token}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    first.assertStatus(302)
    const second = await client
      .post(`/ma-situation/${token}`)
      .form({ situation: 'job_seeking' })
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(409)
    second.assertTextIncludes('Votre réponse est déjà enregistrée.')
    const outcomes = await Outcome.query().where('enrollment_id', own.enrollment.id)
    assert.deepEqual(
      outcomes.map((outcome) => outcome.situation),
      ['employed']
    )
  })

  test('expired: refused with a clear page, nothing written', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3, 40, -1)
    const page = await client.get(`/ma-situation/${token}`)
    page.assertStatus(410)
    page.assertTextIncludes('Ce lien a expiré.')
    const sent = await client
      .post(`/ma-situation/${token}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(410)
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
  })
})
