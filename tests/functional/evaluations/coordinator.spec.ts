import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import TutorEvaluation from '#models/tutor_evaluation'
import { buildWorld } from '#tests/helpers/world'
import {
  VALID_ANSWERS,
  endedInternship,
  linkMailedTo,
  mailsTo,
} from '#tests/functional/evaluations/evaluation_helpers'

test.group('Tutor evaluation | coordinator pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists ended internships and sends the request once', async ({ client, route, assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 2)
    const coordinator = world.own.users.coordinator

    const list = await client.get(route('coordinator.tutor_evaluations.index')).loginAs(coordinator)
    list.assertStatus(200)
    list.assertTextIncludes(world.own.trainee.fullName)
    list.assertTextIncludes('Pas envoyée')
    list.assertTextIncludes('Envoyer la demande')

    const sent = await client
      .post(route('coordinator.tutor_evaluations.send', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(302)
    assert.lengthOf(await mailsTo(email), 1)

    const again = await client
      .post(route('coordinator.tutor_evaluations.send', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
    again.assertTextIncludes('La demande est déjà envoyée')
    assert.lengthOf(await mailsTo(email), 1)
    assert.lengthOf(await TutorEvaluation.query().where('internship_id', internship.id), 1)

    const after = await client
      .get(route('coordinator.tutor_evaluations.index'))
      .loginAs(coordinator)
    after.assertTextIncludes('Envoyée')
    after.assertTextIncludes('Relancer')
  })

  test('"Relancer" mails the same link again', async ({ client, route, assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 2)
    const coordinator = world.own.users.coordinator
    await client
      .post(route('coordinator.tutor_evaluations.send', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
    const firstLink = await linkMailedTo(email)

    const response = await client
      .post(route('coordinator.tutor_evaluations.remind', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
    response.assertTextIncludes('Relance envoyée')
    const mails = await mailsTo(email)
    assert.lengthOf(mails, 2)
    assert.match(mails[0].subject!, /^Rappel :/)
    assert.equal(await linkMailedTo(email), firstLink)
  })

  test('"Relancer" opens an expired link again for 30 days', async ({ client, route, assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 40)
    const coordinator = world.own.users.coordinator
    await client
      .post(route('coordinator.tutor_evaluations.send', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
    const link = await linkMailedTo(email)
    const request = await TutorEvaluation.findByOrFail('internship_id', internship.id)
    request.expiresAt = DateTime.utc().minus({ days: 1 })
    await request.save()
    const expired = await client.get(link)
    expired.assertStatus(410)

    const list = await client.get(route('coordinator.tutor_evaluations.index')).loginAs(coordinator)
    list.assertTextIncludes('Lien expiré')
    await client
      .post(route('coordinator.tutor_evaluations.remind', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()

    const open = await client.get(link)
    open.assertStatus(200)
    open.assertTextIncludes('Envoyer mon évaluation')
    await request.refresh()
    assert.isAbove(request.expiresAt.diffNow('days').days, 29)
  })

  test('shows the answers once received', async ({ client, route }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 2)
    const coordinator = world.own.users.coordinator
    await client
      .post(route('coordinator.tutor_evaluations.send', { id: internship.id }))
      .loginAs(coordinator)
      .withCsrfToken()
    await client
      .post(await linkMailedTo(email))
      .form(VALID_ANSWERS)
      .withCsrfToken()

    const list = await client.get(route('coordinator.tutor_evaluations.index')).loginAs(coordinator)
    list.assertTextIncludes('Reçue')
    list.assertTextIncludes('Voir les réponses')

    const show = await client
      .get(route('coordinator.tutor_evaluations.show', { id: internship.id }))
      .loginAs(coordinator)
    show.assertStatus(200)
    show.assertTextIncludes('Très satisfaisant')
    show.assertTextIncludes('Non observé')
    show.assertTextIncludes('Sérieux et souriant.')
    show.assertTextIncludes('Type de contrat : CDD.')
  })

  test('another organisation’s internship answers 404 and nothing is sent', async ({
    client,
    route,
    assert,
  }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.other, 2)
    const coordinator = world.own.users.coordinator

    for (const name of ['show', 'blank_form']) {
      const response = await client
        .get(route(`coordinator.tutor_evaluations.${name}`, { id: internship.id }))
        .loginAs(coordinator)
      response.assertStatus(404)
    }
    for (const name of ['send', 'remind']) {
      const response = await client
        .post(route(`coordinator.tutor_evaluations.${name}`, { id: internship.id }))
        .loginAs(coordinator)
        .withCsrfToken()
      response.assertStatus(404)
    }
    assert.lengthOf(await mailsTo(email), 0)
    const list = await client.get(route('coordinator.tutor_evaluations.index')).loginAs(coordinator)
    assert.notInclude(list.text(), world.other.trainee.fullName)
  })
})
