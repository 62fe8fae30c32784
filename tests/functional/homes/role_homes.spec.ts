import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld, removePastSession } from '#tests/helpers/world'

/**
 * The number shown in the dashboard tile with the given label.
 */
function tile(html: string, label: string) {
  const block = html.split('<div class="stat').find((part) => part.includes(label))
  const match = block?.match(/stat__value">\s*(\d+)/)
  return match ? Number(match[1]) : null
}

test.group('Role homes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each role is sent to its own home after signing in', async ({ client }) => {
    const { own } = await buildWorld()
    const homes = {
      admin: '/admin/comptes',
      coordinator: '/coordination',
      trainer: '/formateur/seances',
      trainee: '/mon-planning',
      funder: '/financeur/promotions',
    } as const

    for (const [role, home] of Object.entries(homes)) {
      const response = await client
        .get('/tableau-de-bord')
        .loginAs(own.users[role as keyof typeof homes])
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', home)
    }
  })

  test("the coordinator's dashboard counts its own organisation only", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const response = await client.get('/coordination').loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Promotion alpha')
    assert.notInclude(html, 'Promotion beta')
    assert.deepEqual(
      {
        cohorts: tile(html, 'Promotions en cours'),
        trainees: tile(html, 'Stagiaires en formation'),
        applications: tile(html, 'Candidatures en attente'),
        sessions: tile(html, 'Séances cette semaine'),
      },
      { cohorts: 1, trainees: 1, applications: 1, sessions: 1 }
    )
  })

  test("the trainer sees this week's sessions they teach, and no one else's", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client.get('/formateur/seances').loginAs(own.users.trainer)
    response.assertStatus(200)
    response.assertTextIncludes('Numérique alpha — Promotion alpha')
    response.assertTextIncludes('Salle : Salle alpha')
    assert.notInclude(response.text(), 'beta')
  })

  test("the trainee's planning shows today's session with time, place and trainer", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    response.assertStatus(200)
    response.assertTextIncludes('Mon planning')
    response.assertTextIncludes('de 09h00 à 12h30')
    response.assertTextIncludes('Numérique alpha')
    response.assertTextIncludes('Centre alpha, Salle alpha')
    response.assertTextIncludes('Avec : trainer alpha')
    assert.notInclude(response.text(), 'beta')
  })

  test('the funder sees the cohorts it funds, with places funded, and no other', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client.get('/financeur/promotions').loginAs(own.users.funder)
    response.assertStatus(200)
    response.assertTextIncludes('Promotion alpha')
    response.assertTextIncludes('Organisme alpha')
    assert.notInclude(response.text(), 'Promotion beta')
  })

  test("the admin lists the organisation's accounts only", async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client.get('/admin/comptes').loginAs(own.users.admin)
    response.assertStatus(200)
    response.assertTextIncludes('coordinator@alpha.test')
    response.assertTextIncludes('trainee@alpha.test')
    assert.notInclude(response.text(), '@beta.test')
    assert.notInclude(response.text(), 'funder@alpha.test')
  })
})
