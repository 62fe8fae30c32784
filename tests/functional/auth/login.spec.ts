import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import Organization from '#models/organization'
import User from '#models/user'

async function makeCoordinator(overrides: Partial<User> = {}) {
  const organization = await Organization.create({
    name: 'Trajectio',
    slug: `trajectio-${Date.now()}`,
  })
  return User.create({
    organizationId: organization.id,
    fullName: 'Claire Martin',
    email: 'claire@trajectio.test',
    password: 'un-mot-de-passe-solide',
    role: 'coordinator',
    ...overrides,
  })
}

test.group('Login with a password', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('shows the login form with its labelled fields', async ({ client }) => {
    const response = await client.get('/connexion')
    response.assertStatus(200)
    response.assertTextIncludes('<label')
    response.assertTextIncludes('Adresse e-mail')
    response.assertTextIncludes('Mot de passe')
  })

  test('signs a coordinator in and sends them to their dashboard', async ({ client, assert }) => {
    const user = await makeCoordinator()
    const response = await client
      .post('/connexion')
      .form({ email: 'Claire@Trajectio.test ', password: 'un-mot-de-passe-solide' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/tableau-de-bord')
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)
  })

  test('refuses a wrong password with one message that does not say which part was wrong', async ({
    client,
  }) => {
    await makeCoordinator()
    const response = await client
      .post('/connexion')
      .form({ email: 'claire@trajectio.test', password: 'faux' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/connexion')
    response.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')

    const unknown = await client
      .post('/connexion')
      .form({ email: 'personne@nulle-part.test', password: 'faux' })
      .withCsrfToken()
      .redirects(0)
    unknown.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
  })

  test('refuses a disabled account and an account without password', async ({ client }) => {
    await makeCoordinator({ isActive: false })
    const disabled = await client
      .post('/connexion')
      .form({ email: 'claire@trajectio.test', password: 'un-mot-de-passe-solide' })
      .withCsrfToken()
      .redirects(0)
    disabled.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')

    const organization = await Organization.create({ name: 'Autre', slug: 'autre-org' })
    await User.create({
      organizationId: organization.id,
      fullName: 'Awa Diallo',
      email: 'awa@exemple.test',
      password: null,
      role: 'trainee',
    })
    const passwordless = await client
      .post('/connexion')
      .form({ email: 'awa@exemple.test', password: 'nimporte' })
      .withCsrfToken()
      .redirects(0)
    passwordless.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
  })

  test('blocks further tries after five wrong passwords', async ({ client }) => {
    await makeCoordinator()
    for (let i = 0; i < 5; i++) {
      await client
        .post('/connexion')
        .form({ email: 'claire@trajectio.test', password: `faux-${i}` })
        .withCsrfToken()
        .redirects(0)
    }
    const blocked = await client
      .post('/connexion')
      .form({ email: 'claire@trajectio.test', password: 'un-mot-de-passe-solide' })
      .withCsrfToken()
      .redirects(0)
    blocked.assertHeader('location', '/connexion')
    blocked.assertFlashMessage('error', "Trop d'essais. Réessayez dans 15 minutes.")
  })

  test('shows French field errors for an empty form', async ({ client }) => {
    const response = await client.post('/connexion').form({}).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      email: ['Le champ « adresse e-mail » est obligatoire.'],
      password: ['Le champ « mot de passe » est obligatoire.'],
    })
  })

  test('refuses a login form posted without its CSRF token', async ({ client, assert }) => {
    const user = await makeCoordinator()
    const response = await client
      .post('/connexion')
      .header('referer', '/connexion')
      .form({ email: 'claire@trajectio.test', password: 'un-mot-de-passe-solide' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/connexion')
    response.assertFlashMessage('errorsBag', {
      E_BAD_CSRF_TOKEN: 'La page a expiré. Rechargez la page, puis recommencez.',
    })
    await user.refresh()
    assert.isNull(user.lastLoginAt)
  })

  test('logs out', async ({ client }) => {
    const user = await makeCoordinator()
    const response = await client.post('/deconnexion').loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')

    const after = await client.get('/tableau-de-bord').redirects(0)
    after.assertHeader('location', '/connexion')
  })
})
