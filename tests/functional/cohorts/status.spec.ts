import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type { CohortStatus } from '#enums/cohort_status'
import type User from '#models/user'
import type Cohort from '#models/cohort'
import { AttendanceRecordFactory } from '#database/factories/attendance_record_factory'
import Enrollment from '#models/enrollment'
import FollowUp from '#models/follow_up'
import { buildWorld, removePastSession } from '#tests/helpers/world'

function moveTo(client: ApiClient, cohort: Cohort, user: User, status: string) {
  return client
    .post(`/coordination/promotions/${cohort.id}/statut`)
    .form({ status })
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

const CLOSED_ONE =
  'La promotion est maintenant « Terminée ». 1 parcours est clôturé : les suivis à 3, 6 et 12 mois sont programmés ; complétez la situation de chacun à la sortie.'

const allowed: [CohortStatus, CohortStatus, string][] = [
  ['planned', 'recruiting', 'La promotion est maintenant « En recrutement ».'],
  ['planned', 'cancelled', 'La promotion est maintenant « Annulée ».'],
  ['recruiting', 'running', 'La promotion est maintenant « En cours ».'],
  ['recruiting', 'planned', 'La promotion est maintenant « Prévue ».'],
  ['recruiting', 'cancelled', 'La promotion est maintenant « Annulée ».'],
  // The world's trainee is still in training: their course is closed too.
  ['running', 'completed', CLOSED_ONE],
  ['running', 'cancelled', 'La promotion est maintenant « Annulée ».'],
]

const refused: [CohortStatus, CohortStatus, string][] = [
  [
    'planned',
    'running',
    'Une promotion « Prévue » ne peut pas passer à « En cours ». Statuts possibles : « En recrutement », « Annulée ».',
  ],
  [
    'planned',
    'completed',
    'Une promotion « Prévue » ne peut pas passer à « Terminée ». Statuts possibles : « En recrutement », « Annulée ».',
  ],
  [
    'recruiting',
    'completed',
    'Une promotion « En recrutement » ne peut pas passer à « Terminée ». Statuts possibles : « En cours », « Prévue », « Annulée ».',
  ],
  [
    'running',
    'recruiting',
    'Une promotion « En cours » ne peut pas passer à « En recrutement ». Statuts possibles : « Terminée », « Annulée ».',
  ],
  [
    'running',
    'planned',
    'Une promotion « En cours » ne peut pas passer à « Prévue ». Statuts possibles : « Terminée », « Annulée ».',
  ],
  ['running', 'running', 'La promotion est déjà « En cours ».'],
  ['completed', 'running', 'La promotion est « Terminée » : son statut ne peut plus changer.'],
  ['completed', 'cancelled', 'La promotion est « Terminée » : son statut ne peut plus changer.'],
  ['cancelled', 'planned', 'La promotion est « Annulée » : son statut ne peut plus changer.'],
]

test.group('Cohorts: status changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  for (const [from, to, message] of allowed) {
    test(`${from} → ${to} is allowed`, async ({ client, assert }) => {
      const { own } = await buildWorld()
      // The world's past session has attendance, which forbids cancelling.
      await removePastSession(own)
      own.cohort.status = from
      await own.cohort.save()

      const response = await moveTo(client, own.cohort, own.users.coordinator, to)
      response.assertStatus(302)
      response.assertHeader('location', `/coordination/promotions/${own.cohort.id}`)
      response.assertFlashMessage('success', message)
      await own.cohort.refresh()
      assert.equal(own.cohort.status, to)
    })
  }

  for (const [from, to, message] of refused) {
    test(`${from} → ${to} is refused with a clear message`, async ({ client, assert }) => {
      const { own } = await buildWorld()
      own.cohort.status = from
      await own.cohort.save()

      const response = await moveTo(client, own.cohort, own.users.admin, to)
      response.assertStatus(302)
      response.assertHeader('location', `/coordination/promotions/${own.cohort.id}`)
      response.assertFlashMessage('error', message)
      await own.cohort.refresh()
      assert.equal(own.cohort.status, from)
    })
  }

  test('a running cohort with recorded attendance cannot be cancelled', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await Enrollment.query().where('cohort_id', own.cohort.id).firstOrFail()
    await AttendanceRecordFactory.merge({
      organizationId: own.organization.id,
      classSessionId: own.session.id,
      enrollmentId: enrollment.id,
    }).create()

    const response = await moveTo(client, own.cohort, own.users.coordinator, 'cancelled')
    response.assertFlashMessage(
      'error',
      'La promotion ne peut plus être annulée : des présences ont déjà été enregistrées. Clôturez-la à la fin de la formation.'
    )
    await own.cohort.refresh()
    assert.equal(own.cohort.status, 'running')

    const completed = await moveTo(client, own.cohort, own.users.coordinator, 'completed')
    completed.assertFlashMessage('success', CLOSED_ONE)
  })

  test('closing a running cohort closes every trainee’s course and schedules the follow-ups', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    // The cohort ended last week: the exits are on its last day.
    own.cohort.endsOn = own.cohort.startsOn.plus({ days: 10 })
    await own.cohort.save()

    const response = await moveTo(client, own.cohort, own.users.coordinator, 'completed')
    response.assertFlashMessage('success', CLOSED_ONE)
    await own.enrollment.refresh()
    assert.equal(own.enrollment.status, 'completed')
    assert.equal(own.enrollment.exitReason, 'completed')
    assert.equal(own.enrollment.exitOn!.toISODate(), own.cohort.endsOn.toISODate())
    const followUps = await FollowUp.query()
      .where('enrollment_id', own.enrollment.id)
      .orderBy('due_on')
    assert.deepEqual(
      followUps.map((followUp) => [followUp.checkpoint, followUp.dueOn.toISODate()]),
      (['m3', 'm6', 'm12'] as const).map((checkpoint, i) => [
        checkpoint,
        own.cohort.endsOn.plus({ months: [3, 6, 12][i] }).toISODate(),
      ])
    )
  })

  test('an unknown status is a field error', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await moveTo(client, own.cohort, own.users.coordinator, 'archived')
    response.assertFlashMessage('inputErrorsBag', {
      status: ['Choisissez une valeur dans la liste pour « statut ».'],
    })
    await own.cohort.refresh()
    assert.equal(own.cohort.status, 'running')
  })

  test('the page offers only the allowed changes, and none once final', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.cohort.status = 'planned'
    await own.cohort.save()
    const planned = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    assert.include(planned.text(), 'Ouvrir le recrutement')
    assert.include(planned.text(), 'Annuler la promotion')
    assert.notInclude(planned.text(), 'Démarrer la promotion')
    assert.notInclude(planned.text(), 'Clôturer la promotion')

    own.cohort.status = 'completed'
    await own.cohort.save()
    const completed = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    assert.include(completed.text(), 'Ce statut est définitif.')
    assert.notInclude(completed.text(), 'name="status"')
  })
})
