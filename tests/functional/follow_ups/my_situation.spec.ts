import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Outcome from '#models/outcome'
import { buildWorld } from '#tests/helpers/world'
import { exitEnrollment } from '#tests/functional/follow_ups/fixtures'

test.group('Follow-ups | "Ma situation" for the trainee', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows what was declared at each checkpoint', async ({ client }) => {
    const { own } = await buildWorld()
    await exitEnrollment(own, 3)
    await Outcome.create({
      organizationId: own.organization.id,
      enrollmentId: own.enrollment.id,
      checkpoint: 'exit',
      situation: 'job_seeking',
      observedOn: DateTime.utc().minus({ months: 3 }),
      source: 'declared',
    })

    const response = await client.get('/ma-situation').loginAs(own.users.trainee)

    response.assertStatus(200)
    response.assertTextIncludes('Ma situation')
    response.assertTextIncludes('En recherche d’emploi')
    response.assertTextIncludes('déclaré par la personne')
    response.assertTextIncludes('l’échéance « 3 mois »')
  })

  test('an update is recorded at the latest checkpoint due and answers it', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3, m6 } = await exitEnrollment(own, 3)

    const response = await client
      .post('/ma-situation')
      .loginAs(own.users.trainee)
      .form({ situation: 'employed', contract_type: 'cdi', employer_name: 'Mairie de Rouen' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.checkpoint, 'm3')
    assert.equal(outcome.source, 'declared')
    assert.equal(outcome.contractType, 'cdi')
    assert.equal(outcome.recordedById, own.users.trainee.id)
    await m3.refresh()
    assert.equal(m3.status, 'answered')
    await m6.refresh()
    assert.equal(m6.status, 'due')
  })

  test('before the first follow-up is due, an update goes to the exit checkpoint', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await exitEnrollment(own, 1)

    await client
      .post('/ma-situation')
      .loginAs(own.users.trainee)
      .form({ situation: 'training' })
      .withCsrfToken()
      .redirects(0)

    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.checkpoint, 'exit')
  })

  test('still in training: a clear message, nothing written', async ({ client, assert }) => {
    const { own } = await buildWorld()

    const page = await client.get('/ma-situation').loginAs(own.users.trainee)
    page.assertTextIncludes('Vous êtes encore en formation.')

    const response = await client
      .post('/ma-situation')
      .loginAs(own.users.trainee)
      .form({ situation: 'training' })
      .withCsrfToken()
    response.assertTextIncludes('votre situation vous sera demandée après la fin')
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
  })
})
