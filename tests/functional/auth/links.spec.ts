import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import Organization from '#models/organization'
import User from '#models/user'
import LoginToken from '#models/login_token'
import IssueLoginToken from '#actions/auth/issue_login_token'
import MagicLinkNotification from '#mails/magic_link_notification'
import PasswordResetNotification from '#mails/password_reset_notification'

async function makeTrainee() {
  const organization = await Organization.create({ name: 'Trajectio', slug: 'trajectio-links' })
  return User.create({
    organizationId: organization.id,
    fullName: 'Awa Diallo',
    email: 'awa@exemple.test',
    password: null,
    role: 'trainee',
  })
}

test.group('Sign-in by emailed link', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('emails a one-time link to a known address', async ({ client, assert }) => {
    const { mails } = mail.fake()
    const user = await makeTrainee()

    const response = await client
      .post('/connexion/lien')
      .form({ email: 'awa@exemple.test' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/lien-envoye')

    mails.assertQueued(MagicLinkNotification, (message) => {
      message.message.assertTo('awa@exemple.test')
      message.message.assertHtmlIncludes('/connexion/lien/')
      return true
    })
    const tokens = await LoginToken.query().where('user_id', user.id).where('kind', 'magic_link')
    assert.lengthOf(tokens, 1)
    mail.restore()
  })

  test('answers the same for an unknown address and sends nothing', async ({ client }) => {
    const { mails } = mail.fake()
    const response = await client
      .post('/connexion/lien')
      .form({ email: 'inconnue@exemple.test' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/lien-envoye')
    mails.assertNoneQueued()
    mail.restore()
  })

  test('the link opens a confirmation page, then signs the trainee in once', async ({ client }) => {
    const user = await makeTrainee()
    const token = await new IssueLoginToken().handle({ user, kind: 'magic_link' })

    const page = await client.get(`/connexion/lien/${token}`)
    page.assertStatus(200)
    page.assertTextIncludes('Me connecter')

    const signedIn = await client.post(`/connexion/lien/${token}`).withCsrfToken().redirects(0)
    signedIn.assertHeader('location', '/tableau-de-bord')

    const reused = await client.post(`/connexion/lien/${token}`).withCsrfToken().redirects(0)
    reused.assertHeader('location', '/connexion/lien')
    reused.assertFlashMessage('error', 'Ce lien ne marche plus. Demandez un nouveau lien.')
  })

  test('an expired or tampered link does not sign in', async ({ client }) => {
    const user = await makeTrainee()
    const token = await new IssueLoginToken().handle({ user, kind: 'magic_link' })
    await LoginToken.query()
      .where('user_id', user.id)
      .update({ expires_at: DateTime.now().minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })

    const expired = await client.get(`/connexion/lien/${token}`)
    expired.assertTextIncludes('Ce lien ne marche plus')
    const used = await client.post(`/connexion/lien/${token}`).withCsrfToken().redirects(0)
    used.assertHeader('location', '/connexion/lien')

    const tampered = await client.post(`/connexion/lien/${token}x`).withCsrfToken().redirects(0)
    tampered.assertHeader('location', '/connexion/lien')
  })

  test('a newer link replaces the older one', async ({ client }) => {
    const user = await makeTrainee()
    const first = await new IssueLoginToken().handle({ user, kind: 'magic_link' })
    await new IssueLoginToken().handle({ user, kind: 'magic_link' })
    const response = await client.post(`/connexion/lien/${first}`).withCsrfToken().redirects(0)
    response.assertHeader('location', '/connexion/lien')
  })
})

test.group('Password reset', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('emails a reset link and lets the person choose a new password', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const user = await makeTrainee()
    await client
      .post('/mot-de-passe/oubli')
      .form({ email: 'awa@exemple.test' })
      .withCsrfToken()
      .redirects(0)
    mails.assertQueued(PasswordResetNotification)
    mail.restore()

    const token = await new IssueLoginToken().handle({ user, kind: 'password_reset' })
    const form = await client.get(`/mot-de-passe/nouveau/${token}`)
    form.assertTextIncludes('Nouveau mot de passe')

    const saved = await client
      .post(`/mot-de-passe/nouveau/${token}`)
      .form({ password: 'nouveau-secret-123', password_confirmation: 'nouveau-secret-123' })
      .withCsrfToken()
      .redirects(0)
    saved.assertHeader('location', '/connexion')

    const login = await client
      .post('/connexion')
      .form({ email: 'awa@exemple.test', password: 'nouveau-secret-123' })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/tableau-de-bord')

    const again = await client
      .post(`/mot-de-passe/nouveau/${token}`)
      .form({ password: 'encore-autre-123', password_confirmation: 'encore-autre-123' })
      .withCsrfToken()
      .redirects(0)
    again.assertHeader('location', '/mot-de-passe/oubli')
    await user.refresh()
    assert.isTrue(await user.verifyPassword('nouveau-secret-123'))
  })

  test('refuses a short or mismatched password without using the link', async ({ client }) => {
    const user = await makeTrainee()
    const token = await new IssueLoginToken().handle({ user, kind: 'password_reset' })
    const response = await client
      .post(`/mot-de-passe/nouveau/${token}`)
      .form({ password: 'court', password_confirmation: 'autre' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      password: ['Le champ « mot de passe » doit avoir au moins 10 caractères.'],
    })
    const stillValid = await client.get(`/mot-de-passe/nouveau/${token}`)
    stillValid.assertTextIncludes('Nouveau mot de passe')
  })
})
