import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ApplicationFactory } from '#database/factories/application_factory'
import { buildWorld } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'

const url = (cohortId: number, statut?: string) =>
  `/coordination/promotions/${cohortId}/candidatures${statut ? `?statut=${statut}` : ''}`

async function knownSet() {
  const world = await buildWorld()
  const cohort = world.own.cohort
  // buildWorld() already holds one application at screening ("Stagiaire alpha").
  await applicant(cohort, 'Martin', 'submitted', {
    eligible: true,
    eligibility: { result: 'eligible', reasons: [] },
  })
  await applicant(cohort, 'Bernard', 'submitted', {
    eligible: false,
    eligibility: { result: 'ineligible', reasons: ['âge : 17 ans, minimum 18'] },
  })
  await applicant(cohort, 'Petit', 'interview', {
    eligible: null,
    eligibility: { result: 'to_check', reasons: ['département à vérifier'] },
  })
  await applicant(cohort, 'Robert', 'rejected')
  // Another cohort of the same organisation, and the other organisation.
  await ApplicationFactory.merge({ organizationId: world.own.organization.id }).create()
  return world
}

test.group('Applications: the pipeline of a cohort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the cohort’s applications with the count at each status', async ({ client }) => {
    const { own } = await knownSet()
    const response = await client.get(url(own.cohort.id)).loginAs(own.users.coordinator)

    response.assertStatus(200)
    for (const text of [
      'Toutes (5)',
      'Reçue (2)',
      'Étude du dossier (1)',
      'Réunion d’information (0)',
      'Entretien (1)',
      'Admise (0)',
      'Liste d’attente (0)',
      'Refusée (1)',
      'Désistement (0)',
    ]) {
      response.assertTextIncludes(text)
    }
    for (const name of ['MARTIN', 'BERNARD', 'PETIT', 'ROBERT', 'ALPHA']) {
      response.assertTextIncludes(name)
    }
    response.assertTextIncludes('Éligible')
    response.assertTextIncludes('Non éligible')
    response.assertTextIncludes('À vérifier')
  })

  test('shows only the applications at the status chosen', async ({ client, assert }) => {
    const { own } = await knownSet()
    const response = await client
      .get(url(own.cohort.id, 'submitted'))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('MARTIN')
    response.assertTextIncludes('BERNARD')
    assert.notInclude(response.text(), 'PETIT')
    assert.notInclude(response.text(), 'ROBERT')
    assert.include(response.text(), 'aria-current="page">Reçue (2)')
    // The counts stay those of the whole cohort.
    response.assertTextIncludes('Entretien (1)')
  })

  test('an unknown status shows every application', async ({ client }) => {
    const { own } = await knownSet()
    const response = await client.get(url(own.cohort.id, 'nimporte')).loginAs(own.users.admin)
    response.assertStatus(200)
    response.assertTextIncludes('ROBERT')
    response.assertTextIncludes('MARTIN')
  })

  test('a status without applications says so', async ({ client }) => {
    const { own } = await knownSet()
    const response = await client
      .get(url(own.cohort.id, 'waitlisted'))
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('Aucune candidature « Liste d’attente ».')
  })

  test('another organisation’s cohort is not found', async ({ client }) => {
    const { own, other } = await knownSet()
    const response = await client.get(url(other.cohort.id)).loginAs(own.users.coordinator)
    response.assertStatus(404)
  })

  test('a trainer is refused', async ({ client }) => {
    const { own } = await knownSet()
    const response = await client.get(url(own.cohort.id)).loginAs(own.users.trainer)
    response.assertStatus(403)
  })
})
