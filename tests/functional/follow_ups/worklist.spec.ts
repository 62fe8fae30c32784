import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Outcome from '#models/outcome'
import Cohort from '#models/cohort'
import { buildWorld } from '#tests/helpers/world'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'

test.group('Follow-ups | coordinator worklist', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the follow-ups to call with the phone, the waiting ones and the answered', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    own.trainee.phone = '06 12 34 56 78'
    await own.trainee.save()
    const { m3, m6 } = await exitEnrollment(own, 6)
    await sentFollowUp(m3, 20)
    m3.merge({ status: 'to_call', remindedAt: DateTime.utc().minus({ days: 10 }) })
    await m3.save()
    await sentFollowUp(m6, 2)
    const otherFollowUps = await exitEnrollment(other, 6)
    await sentFollowUp(otherFollowUps.m3, 20)

    const response = await client.get('/coordination/suivis').loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('À appeler (1)')
    response.assertTextIncludes('href="tel:06 12 34 56 78"')
    response.assertTextIncludes('Stagiaire alpha — 3 mois')
    response.assertTextIncludes('En attente de réponse (1)')
    response.assertTextIncludes('Stagiaire alpha — 6 mois')
    assert.notInclude(response.text(), 'Stagiaire beta')
  })

  test('filters by cohort', async ({ client }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own, 3)
    m3.status = 'to_call'
    await m3.save()
    const emptyCohort = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion sans suivi',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 12,
      status: 'running',
    })

    const all = await client.get('/coordination/suivis').loginAs(own.users.coordinator)
    all.assertTextIncludes('À appeler (1)')
    all.assertTextIncludes('Promotion sans suivi')

    const empty = await client
      .get(`/coordination/suivis?promotion=${emptyCohort.id}`)
      .loginAs(own.users.coordinator)
    empty.assertTextIncludes('À appeler (0)')
    empty.assertTextIncludes('Personne à appeler pour le moment.')

    const response = await client
      .get(`/coordination/suivis?promotion=${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    response.assertTextIncludes('À appeler (1)')
  })

  test('a call that reached the person records the situation (phone) and answers', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own, 3)
    m3.status = 'to_call'
    await m3.save()

    const response = await client
      .post(`/coordination/inscriptions/${own.enrollment.id}/suivis/m3/appel`)
      .loginAs(own.users.coordinator)
      .form({
        result: 'reached',
        situation: 'training',
        call_note: 'Entrée en BTS en septembre',
      })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/coordination/suivis')
    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.situation, 'training')
    assert.equal(outcome.source, 'phone')
    assert.equal(outcome.checkpoint, 'm3')
    assert.equal(outcome.recordedById, own.users.coordinator.id)
    await m3.refresh()
    assert.equal(m3.status, 'answered')
    assert.equal(m3.calledById, own.users.coordinator.id)
    assert.equal(m3.callNote, 'Entrée en BTS en septembre')

    const page = await client.get('/coordination/suivis').loginAs(own.users.coordinator)
    page.assertTextIncludes('Réponses reçues (1)')
    page.assertTextIncludes('(par téléphone)')
  })

  test('an unreachable person: the attempt is noted, still to call, no observation', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own, 3)
    m3.status = 'to_call'
    await m3.save()

    await client
      .post(`/coordination/inscriptions/${own.enrollment.id}/suivis/m3/appel`)
      .loginAs(own.users.coordinator)
      .form({ result: 'unreachable', call_note: 'Messagerie' })
      .withCsrfToken()
      .redirects(0)

    await m3.refresh()
    assert.equal(m3.status, 'to_call')
    assert.isNotNull(m3.calledAt)
    assert.equal(m3.callNote, 'Messagerie')
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
  })

  test('a call refused (employed, no contract) or for an answered follow-up writes nothing', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3, m6 } = await exitEnrollment(own, 6)
    m6.merge({ status: 'answered', answeredAt: DateTime.utc() })
    await m6.save()
    const url = (checkpoint: string) =>
      `/coordination/inscriptions/${own.enrollment.id}/suivis/${checkpoint}/appel`

    const refused = await client
      .post(url('m3'))
      .loginAs(own.users.coordinator)
      .header('referer', '/coordination/suivis')
      .form({ result: 'reached', situation: 'employed' })
      .withCsrfToken()
    refused.assertTextIncludes('Choisissez le type de contrat.')

    const answered = await client
      .post(url('m6'))
      .loginAs(own.users.coordinator)
      .form({ result: 'reached', situation: 'job_seeking' })
      .withCsrfToken()
    answered.assertTextIncludes('Ce suivi a déjà une réponse')

    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
    await m3.refresh()
    assert.equal(m3.status, 'due')
  })

  test('another organisation’s enrollment answers 404', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    await exitEnrollment(other, 3)

    const response = await client
      .post(`/coordination/inscriptions/${other.enrollment.id}/suivis/m3/appel`)
      .loginAs(own.users.coordinator)
      .form({ result: 'reached', situation: 'training' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(404)
    assert.lengthOf(await Outcome.query().where('enrollment_id', other.enrollment.id), 0)
  })
})
