import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Outcome from '#models/outcome'
import { buildWorld } from '#tests/helpers/world'
import { exitEnrollment } from '#tests/functional/follow_ups/fixtures'

test.group('Follow-ups | cohort table', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('trainees × checkpoints with the latest situation in words', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await exitEnrollment(own, 3)
    const base = {
      organizationId: own.organization.id,
      enrollmentId: own.enrollment.id,
      source: 'declared' as const,
    }
    await Outcome.createMany([
      {
        ...base,
        checkpoint: 'exit',
        situation: 'job_seeking',
        observedOn: DateTime.utc().minus({ months: 3 }),
      },
      {
        ...base,
        checkpoint: 'm3',
        situation: 'job_seeking',
        observedOn: DateTime.utc().minus({ days: 5 }),
      },
      {
        ...base,
        checkpoint: 'm3',
        situation: 'employed',
        contractType: 'cdd',
        contractMonths: 6,
        employerName: 'Boulangerie Martin',
        source: 'phone',
        observedOn: DateTime.utc().minus({ days: 1 }),
      },
    ])

    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/suivis`)
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Situation des stagiaires par échéance')
    response.assertTextIncludes('Stagiaire alpha')
    response.assertTextIncludes('En emploi — CDD 6 mois, Boulangerie Martin')
    response.assertTextIncludes('En recherche d’emploi')
    // m3 shows the latest observation only.
    assert.equal(response.text().split('En recherche d’emploi').length - 1, 1)
    response.assertTextIncludes('À envoyer')
  })

  test('the cohort page links to it; another organisation’s cohort answers 404', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()

    const cohortPage = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    cohortPage.assertTextIncludes(`/coordination/promotions/${own.cohort.id}/suivis`)

    const response = await client
      .get(`/coordination/promotions/${other.cohort.id}/suivis`)
      .loginAs(own.users.coordinator)
    response.assertStatus(404)
  })
})
