import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import Cohort from '#models/cohort'
import { buildWorld } from '#tests/helpers/world'
import { buildFunderDataset } from '#tests/functional/funder/funder_dataset'

/**
 * The page's text with runs of white space collapsed, so table rows read
 * as `<th scope="row">Femmes</th> <td>2</td> …`.
 */
function flat(html: string) {
  return html.replace(/\s+/g, ' ').replace(/> </g, '><')
}

function row(label: string, ...cells: (string | number)[]) {
  return `<th scope="row">${label}</th>${cells.map((cell) => `<td>${cell}</td>`).join('')}`
}

test.group('Funder portal', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('the list shows every funded cohort across organisations, and only those', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const { cohort } = await buildFunderDataset(own)
    // The other organisation's cohort is funded by this funder too.
    await other.cohort.related('funders').attach({
      [own.funder.id]: { places_funded: 3, organization_id: other.organization.id },
    })
    const unfunded = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion non financée',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 10,
      status: 'running',
    })

    const response = await client.get('/financeur/promotions').loginAs(own.users.funder)
    response.assertStatus(200)
    const html = flat(response.text())
    assert.include(html, `/financeur/promotions/${cohort.id}`)
    assert.include(html, 'Promotion comptée à la main')
    assert.include(html, 'Promotion alpha')
    assert.include(html, 'Promotion beta')
    assert.include(html, 'Organisme beta')
    assert.notInclude(html, unfunded.name)
    // Places funded then entrants, per cohort.
    assert.include(html, '<td data-label="Places financées">6</td><td data-label="Entrés">4</td>')
    assert.include(html, '<td data-label="Places financées">3</td><td data-label="Entrés">1</td>')
    assert.include(html, '<td data-label="Statut">En cours</td>')

    const theirsResponse = await client.get('/financeur/promotions').loginAs(other.users.funder)
    const theirs = flat(theirsResponse.text())
    assert.include(theirs, 'Promotion beta')
    assert.notInclude(theirs, 'Promotion comptée à la main')
    assert.notInclude(theirs, 'Promotion alpha')
  })

  test('a funded cohort shows its true numbers, and no personal data', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { cohort } = await buildFunderDataset(own)

    const response = await client
      .get(`/financeur/promotions/${cohort.id}`)
      .loginAs(own.users.funder)
    response.assertStatus(200)
    const html = flat(response.text())

    // Entrants and pathway.
    assert.include(
      html,
      '<p class="stat__value">4</p><p class="stat__label"> entrés en formation </p><p class="stat__hint">pour 6 places financées</p>'
    )
    assert.include(html, row('En formation', 2, 4, '50 %'))
    assert.include(html, row('Parcours terminé', 1, 4, '25 %'))
    assert.include(html, row('Abandon', 1, 4, '25 %'))
    assert.include(html, row('Santé', 1, 1, '100 %'))

    // Profile among the 3 still enrolled or completed.
    assert.include(html, row('Femmes', 2, 3, '66,7 %', 0))
    assert.include(html, row('Habitant un QPV', 1, 3, '33,3 %', '—'))
    assert.include(html, row('Niveau bac ou moins', 2, 3, '66,7 %', 0))
    assert.include(html, row('Demandeurs d’emploi', 2, 3, '66,7 %', '—'))
    assert.include(html, row('Jeunes sans emploi ni formation (NEET)', 0, 3, '0 %', '—'))

    // Hours delivered and attendance.
    assert.include(
      html,
      '<p class="stat__value">7 h</p><p class="stat__label"> heures dispensées </p><p class="stat__hint">2 séances passées, hors séances annulées</p>'
    )
    assert.include(
      html,
      '<p class="stat__value">60 %</p><p class="stat__label"> taux de présence </p><p class="stat__hint">17 h suivies sur 28 h prévues'
    )

    // Outcomes by the funder's definitions, over the 2 who left.
    assert.include(html, 'Sortie positive (GEN)')
    assert.include(html, 'En emploi (tous contrats)')
    assert.notInclude(html, 'Emploi durable (France Travail)')
    assert.include(html, 'Résultats à la sortie, pour 2 sortis')
    assert.include(html, row('Sortie positive (GEN)', 1, 2, '50 %', 1))
    assert.include(html, row('En emploi (tous contrats)', 1, 2, '50 %', 1))
    assert.include(html, 'Résultats à 6 mois, pour 2 sortis')
    assert.include(html, row('Sortie positive (GEN)', 0, 2, '0 %', 2))

    // Aggregates only: no names, no RQTH.
    assert.notInclude(html, 'Nominatif')
    assert.notInclude(html, 'Ada')
    assert.notInclude(html, 'RQTH')
  })

  test('another funder’s cohort and an unfunded cohort of the same organisation are not found', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    const unfunded = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion non financée',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 10,
      status: 'running',
    })

    const mine = await client
      .get(`/financeur/promotions/${own.cohort.id}`)
      .loginAs(own.users.funder)
    mine.assertStatus(200)
    mine.assertTextIncludes('Promotion alpha')

    const theirs = await client
      .get(`/financeur/promotions/${other.cohort.id}`)
      .loginAs(own.users.funder)
    theirs.assertStatus(404)
    const notFunded = await client
      .get(`/financeur/promotions/${unfunded.id}`)
      .loginAs(own.users.funder)
    notFunded.assertStatus(404)
    const missing = await client.get('/financeur/promotions/999999').loginAs(own.users.funder)
    missing.assertStatus(404)
    // The other funder, in turn, cannot read this one's cohort.
    const reverse = await client
      .get(`/financeur/promotions/${own.cohort.id}`)
      .loginAs(other.users.funder)
    reverse.assertStatus(404)
  })

  test('other roles are refused the funder pages', async ({ client }) => {
    const { own } = await buildWorld()
    for (const role of ['admin', 'coordinator', 'trainer', 'trainee'] as const) {
      const page = await client
        .get(`/financeur/promotions/${own.cohort.id}`)
        .loginAs(own.users[role])
      page.assertStatus(403)
      const list = await client.get('/financeur/promotions').loginAs(own.users[role])
      list.assertStatus(403)
    }
    const guest = await client.get(`/financeur/promotions/${own.cohort.id}`).redirects(0)
    guest.assertStatus(302)
    guest.assertHeader('location', '/connexion')
  })
})
