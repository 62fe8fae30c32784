import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import type User from '#models/user'
import { nowInParis } from '#services/sql_time'
import { buildWorld } from '#tests/helpers/world'

const today = () => nowInParis().startOf('day')

function close(client: ApiClient, enrollment: Enrollment, user: User, form: object) {
  return client
    .post(`/coordination/inscriptions/${enrollment.id}/sortie`)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

const completedInCdd = () => ({
  exit_on: today().minus({ days: 3 }).toISODate(),
  exit_reason: 'completed',
  certification_result: 'passed',
  situation: 'employed',
  contract_type: 'cdd',
  contract_months: '6',
  working_time: 'full_time',
  contract_start_on: today().minus({ days: 1 }).toISODate(),
  employer_name: 'Boulangerie Martin',
  job_title: 'Vendeuse',
  source: 'declared',
})

async function countWrites(enrollment: Enrollment) {
  const [outcomes, followUps] = await Promise.all([
    Outcome.query().where('enrollment_id', enrollment.id).count('* as total'),
    FollowUp.query().where('enrollment_id', enrollment.id).count('* as total'),
  ])
  return {
    outcomes: Number(outcomes[0].$extras.total),
    followUps: Number(followUps[0].$extras.total),
  }
}

test.group('Outcomes / exit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the exit form shows the trainee and the reasons', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(`/coordination/inscriptions/${own.enrollment.id}/sortie`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('Sortie de Stagiaire alpha')
    response.assertTextIncludes('A trouvé un emploi')
    response.assertTextIncludes('Durée du contrat (mois)')
  })

  test('closing records the exit, the exit observation and three follow-ups', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await close(client, own.enrollment, own.users.coordinator, completedInCdd())
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/inscriptions/${own.enrollment.id}/parcours`)
    response.assertFlashMessage(
      'success',
      'La sortie est enregistrée. Les suivis à 3, 6 et 12 mois sont programmés.'
    )

    const enrollment = await Enrollment.findOrFail(own.enrollment.id)
    const exitOn = today().minus({ days: 3 })
    assert.equal(enrollment.status, 'completed')
    assert.equal(enrollment.exitOn!.toISODate(), exitOn.toISODate())
    assert.equal(enrollment.exitReason, 'completed')
    assert.equal(enrollment.certificationResult, 'passed')

    const outcomes = await Outcome.query().where('enrollment_id', enrollment.id)
    assert.lengthOf(outcomes, 1)
    assert.include(outcomes[0].toJSON(), {
      checkpoint: 'exit',
      situation: 'employed',
      contractType: 'cdd',
      contractMonths: 6,
      workingTime: 'full_time',
      employerName: 'Boulangerie Martin',
      jobTitle: 'Vendeuse',
      source: 'declared',
      recordedById: own.users.coordinator.id,
    })
    assert.equal(outcomes[0].observedOn.toISODate(), exitOn.toISODate())

    const followUps = await FollowUp.query()
      .where('enrollment_id', enrollment.id)
      .orderBy('due_on', 'asc')
    assert.deepEqual(
      followUps.map((followUp) => [
        followUp.checkpoint,
        followUp.dueOn.toISODate(),
        followUp.status,
      ]),
      [
        ['m3', exitOn.plus({ months: 3 }).toISODate(), 'due'],
        ['m6', exitOn.plus({ months: 6 }).toISODate(), 'due'],
        ['m12', exitOn.plus({ months: 12 }).toISODate(), 'due'],
      ]
    )

    const page = await client
      .get(`/coordination/inscriptions/${enrollment.id}/parcours`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('CDD de 6 mois')
    page.assertTextIncludes('Boulangerie Martin')
  })

  test('leaving for any other reason is a drop-out', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await close(client, own.enrollment, own.users.admin, {
      exit_on: today().toISODate(),
      exit_reason: 'health',
      situation: 'inactive',
      source: 'phone',
    })
    const enrollment = await Enrollment.findOrFail(own.enrollment.id)
    assert.equal(enrollment.status, 'dropped_out')
    assert.equal(enrollment.exitReason, 'health')
    assert.isNull(enrollment.certificationResult)
    assert.deepEqual(await countWrites(enrollment), { outcomes: 1, followUps: 3 })
  })

  test('closing twice is refused and never duplicates follow-ups', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await close(client, own.enrollment, own.users.coordinator, completedInCdd())
    const again = await close(client, own.enrollment, own.users.coordinator, {
      ...completedInCdd(),
      exit_on: today().toISODate(),
      exit_reason: 'found_job',
    })
    again.assertHeader('location', `/coordination/inscriptions/${own.enrollment.id}/sortie`)
    const enrollment = await Enrollment.findOrFail(own.enrollment.id)
    assert.equal(enrollment.exitReason, 'completed')
    assert.deepEqual(await countWrites(enrollment), { outcomes: 1, followUps: 3 })

    // The form itself sends back to the outcomes page, with the message.
    assert.match(String(again.flashMessage('error')), /^La sortie est déjà enregistrée/)
    const form = await client
      .get(`/coordination/inscriptions/${own.enrollment.id}/sortie`)
      .loginAs(own.users.coordinator)
      .redirects(0)
    form.assertHeader('location', `/coordination/inscriptions/${own.enrollment.id}/parcours`)
  })

  test('an exit before the start or in the future is refused', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const future = await close(client, own.enrollment, own.users.coordinator, {
      ...completedInCdd(),
      exit_on: today().plus({ days: 1 }).toISODate(),
    })
    assert.deepEqual(future.flashMessage('inputErrorsBag'), {
      exit_on: ['La date de sortie ne peut pas être dans le futur.'],
    })

    const before = await close(client, own.enrollment, own.users.coordinator, {
      ...completedInCdd(),
      exit_on: own.enrollment.startsOn.minus({ days: 1 }).toISODate(),
    })
    assert.match(
      (before.flashMessage('inputErrorsBag') as Record<string, string[]>).exit_on[0],
      /^La date de sortie ne peut pas précéder l’entrée en formation/
    )

    const enrollment = await Enrollment.findOrFail(own.enrollment.id)
    assert.isNull(enrollment.exitOn)
    assert.equal(enrollment.status, 'active')
    assert.deepEqual(await countWrites(enrollment), { outcomes: 0, followUps: 0 })
  })

  test('a CDD without a length is refused and nothing is written', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await close(client, own.enrollment, own.users.coordinator, {
      ...completedInCdd(),
      contract_months: '',
    })
    response.assertHeader('location', `/coordination/inscriptions/${own.enrollment.id}/sortie`)
    assert.match(
      (response.flashMessage('inputErrorsBag') as Record<string, string[]>).contract_months[0],
      /^Indiquez la durée du contrat en mois/
    )

    const negative = await close(client, own.enrollment, own.users.coordinator, {
      ...completedInCdd(),
      contract_months: '-2',
    })
    assert.property(negative.flashMessage('inputErrorsBag'), 'contract_months')
    const enrollment = await Enrollment.findOrFail(own.enrollment.id)
    assert.isNull(enrollment.exitOn)
    assert.isNull(enrollment.exitReason)
    assert.deepEqual(await countWrites(enrollment), { outcomes: 0, followUps: 0 })
  })

  test('another organisation’s enrollment is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const page = await client
      .get(`/coordination/inscriptions/${other.enrollment.id}/sortie`)
      .loginAs(own.users.coordinator)
    page.assertStatus(404)
    const post = await close(client, other.enrollment, own.users.coordinator, completedInCdd())
    post.assertStatus(404)
    const enrollment = await Enrollment.findOrFail(other.enrollment.id)
    assert.isNull(enrollment.exitOn)
  })
})
