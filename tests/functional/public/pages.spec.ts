import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '#models/organization'
import User from '#models/user'

async function makeCoordinator() {
  const organization = await Organization.create({ name: 'Trajectio', slug: 'trajectio-public' })
  return User.create({
    organizationId: organization.id,
    fullName: 'Claire Martin',
    email: 'claire.public@trajectio.test',
    password: 'un-mot-de-passe-solide',
    role: 'coordinator',
  })
}

const pages = [
  { url: '/', heading: 'Cohorte : suivre les parcours de formation' },
  { url: '/accessibilite', heading: 'Déclaration d’accessibilité' },
  { url: '/mentions-legales', heading: 'Mentions légales' },
  { url: '/confidentialite', heading: 'Données personnelles et confidentialité' },
]

test.group('Public pages', () => {
  test('{url} answers with its heading')
    .with(pages)
    .run(async ({ client }, page) => {
      const response = await client.get(page.url)
      response.assertStatus(200)
      response.assertTextIncludes(`<h1>${page.heading}</h1>`)
    })

  test('{url} has the accessible layout')
    .with(pages)
    .run(async ({ client }, page) => {
      const response = await client.get(page.url)
      response.assertTextIncludes('<html lang="fr">')
      response.assertTextIncludes('<meta name="viewport"')
      response.assertTextIncludes('<a class="skip-link" href="#main">Aller au contenu</a>')
      response.assertTextIncludes('<header')
      response.assertTextIncludes('<main id="main" tabindex="-1"')
      response.assertTextIncludes('<footer')
      response.assertTextIncludes(
        'href="/accessibilite">Accessibilité : partiellement conforme</a>'
      )
      response.assertTextIncludes('href="/mentions-legales"')
      response.assertTextIncludes('href="/confidentialite"')
      response.assertTextIncludes('— Cohorte</title>')
    })

  test('a visitor sees the sign-in link and the language switch', async ({ client }) => {
    const response = await client.get('/')
    response.assertTextIncludes('href="/connexion"')
    response.assertTextIncludes('Se connecter')
    response.assertTextIncludes('action="/langue"')
    response.assertTextIncludes("name='_csrf'")
    response.assertTextIncludes('lang="fr" aria-current="true">Français</button>')
    response.assertTextIncludes('lang="en" aria-current="false">English</button>')
  })

  test('the accessibility statement holds the status, the plans and the remedies', async ({
    client,
  }) => {
    const response = await client.get('/accessibilite')
    for (const text of [
      'partiellement conforme',
      'n’a pas encore été audité',
      'Contenus non accessibles',
      'Établissement de cette déclaration',
      '2026',
      'Technologies utilisées',
      'Voies de recours',
      'Défenseur des droits',
      'Schéma pluriannuel de mise en accessibilité 2026-2028',
      'Plan d’action 2026',
    ]) {
      response.assertTextIncludes(text)
    }
  })

  test('the privacy page gives the retention periods and the RQTH rules', async ({ client }) => {
    const response = await client.get('/confidentialite')
    for (const text of [
      '2 ans après le dernier contact',
      '6 ans après la fin de la formation',
      '10 ans après la fin de la formation',
      'Je préfère ne pas répondre',
      'consentement explicite',
      'CNIL',
    ]) {
      response.assertTextIncludes(text)
    }
  })

  test('the legal notice marks what the organisation must complete', async ({ client }) => {
    const response = await client.get('/mentions-legales')
    response.assertTextIncludes('Éditeur du site')
    response.assertTextIncludes('Hébergeur')
    response.assertTextIncludes('[nom de l’hébergeur]')
  })
})

test.group('Public pages | signed in', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the home page sends a signed-in person to their dashboard', async ({ client }) => {
    const user = await makeCoordinator()
    const response = await client.get('/').loginAs(user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/tableau-de-bord')
  })

  test('the menu shows the account and a sign-out form', async ({ client, assert }) => {
    const user = await makeCoordinator()
    const response = await client.get('/accessibilite').loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('<a href="/coordination" >Tableau de bord</a>')
    response.assertTextIncludes('Claire Martin')
    response.assertTextIncludes('action="/deconnexion"')
    response.assertTextIncludes('Se déconnecter')
    assert.notInclude(response.text(), 'href="/connexion"')
  })

  test('the language chosen while signed in is kept for the account', async ({
    client,
    assert,
  }) => {
    const user = await makeCoordinator()
    const response = await client
      .post('/langue')
      .form({ locale: 'en' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)

    response.assertStatus(302)
    await user.refresh()
    assert.equal(user.locale, 'en')
  })
})

test.group('Language switch', () => {
  test('stores the chosen language in the session and goes back', async ({ client }) => {
    const response = await client
      .post('/langue')
      .header('referer', '/confidentialite')
      .form({ locale: 'en' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/confidentialite')
    response.assertSession('locale', 'en')
  })

  test('falls back to French for an unknown language', async ({ client }) => {
    const response = await client
      .post('/langue')
      .form({ locale: 'de' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertSession('locale', 'fr')
  })

  test('refuses a switch without the CSRF token', async ({ client }) => {
    const response = await client.post('/langue').form({ locale: 'en' }).redirects(0)
    response.assertSessionMissing('locale')
  })

  test('shows the pages in English once chosen', async ({ client }) => {
    const response = await client.get('/').withSession({ locale: 'en' })
    response.assertStatus(200)
    response.assertTextIncludes('<html lang="en">')
    response.assertTextIncludes('Skip to content')
    response.assertTextIncludes('<h1>Cohorte: follow training programmes</h1>')
    response.assertTextIncludes('lang="en" aria-current="true">English</button>')
  })

  test('keeps French-only pages marked as French in the English interface', async ({ client }) => {
    const response = await client.get('/accessibilite').withSession({ locale: 'en' })
    response.assertTextIncludes('<html lang="en">')
    response.assertTextIncludes('This page is only available in French.')
    response.assertTextIncludes('<div lang="fr" class="prose">')
  })
})

test.group('Error pages', () => {
  test('an unknown page gives a 404 page in French', async ({ client }) => {
    const response = await client.get('/cette-page-n-existe-pas')
    response.assertStatus(404)
    response.assertTextIncludes('<html lang="fr">')
    response.assertTextIncludes('Cette page n’existe pas')
    response.assertTextIncludes('Retour à l’accueil')
    response.assertTextIncludes('<main id="main"')
    response.assertTextIncludes('Accessibilité : partiellement conforme')
  })
})
