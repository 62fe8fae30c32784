import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import RecordOutcome from '#actions/outcomes/record_outcome'
import { nowInParis } from '#services/sql_time'
import { buildWorld, type Side } from '#tests/helpers/world'

const today = () => nowInParis().startOf('day')

async function closed(side: Side) {
  const result = await new CloseEnrollment().handle({
    enrollment: side.enrollment,
    exitOn: today().minus({ days: 1 }),
    reason: 'completed',
    certificationResult: null,
    situation: { situation: 'job_seeking' },
    source: 'declared',
    recordedBy: side.users.coordinator,
  })
  if (!result.closed) throw new Error(result.message)
  return side.enrollment
}

function observe(client: ApiClient, enrollment: Enrollment, user: User, form: object) {
  return client
    .post(`/coordination/inscriptions/${enrollment.id}/parcours`)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

async function outcomesAt(enrollment: Enrollment, checkpoint: string) {
  return Outcome.query()
    .where('enrollment_id', enrollment.id)
    .where('checkpoint', checkpoint)
    .orderBy('id', 'asc')
}

test.group('Outcomes / observations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('several observations at a checkpoint keep their history, newest first', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const first = await observe(client, enrollment, own.users.coordinator, {
      checkpoint: 'm6',
      observed_on: today().minus({ days: 10 }).toISODate(),
      situation: 'job_seeking',
      source: 'phone',
    })
    first.assertFlashMessage('success', 'L’observation est enregistrée.')
    await observe(client, enrollment, own.users.admin, {
      checkpoint: 'm6',
      situation: 'employed',
      contract_type: 'cdi',
      contract_months: '12',
      working_time: 'part_time',
      contract_start_on: today().minus({ days: 2 }).toISODate(),
      partner_company_id: String(own.company.id),
      job_title: 'Magasinier',
      source: 'document',
    })

    const rows = await outcomesAt(enrollment, 'm6')
    assert.lengthOf(rows, 2)
    assert.equal(rows[0].situation, 'job_seeking')
    assert.equal(rows[0].recordedById, own.users.coordinator.id)
    // A CDI has no length; the partner company's name and SIRET are copied.
    assert.include(rows[1].toJSON(), {
      situation: 'employed',
      contractType: 'cdi',
      contractMonths: null,
      partnerCompanyId: own.company.id,
      employerName: own.company.name,
      employerSiret: own.company.siret,
      recordedById: own.users.admin.id,
    })
    // The follow-up at that checkpoint is answered.
    const followUp = await FollowUp.query()
      .where('enrollment_id', enrollment.id)
      .where('checkpoint', 'm6')
      .firstOrFail()
    assert.equal(followUp.status, 'answered')

    const page = await client
      .get(`/coordination/inscriptions/${enrollment.id}/parcours`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    const text = page.text()
    const newer = text.indexOf('Magasinier')
    const older = text.indexOf('En recherche d’emploi', text.indexOf('id="history-m6"'))
    assert.isAbove(newer, 0)
    assert.isAbove(older, newer)
    page.assertTextIncludes('saisie par admin alpha')
    page.assertTextIncludes('Appel téléphonique')
  })

  test('a contract said to start before the training is saved but flagged', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const response = await observe(client, enrollment, own.users.coordinator, {
      checkpoint: 'm6',
      situation: 'employed',
      contract_type: 'cdd',
      contract_months: '8',
      contract_start_on: enrollment.startsOn.minus({ months: 1 }).toISODate(),
      employer_name: 'Transports Leroy',
      employer_siret: '732 548 720 00018',
      source: 'declared',
    })
    assert.match(String(response.flashMessage('success')), /à vérifier/)
    const [row] = await outcomesAt(enrollment, 'm6')
    assert.isTrue(row.needsReview)
    assert.equal(row.employerSiret, '73254872000018')
    const page = await client
      .get(`/coordination/inscriptions/${enrollment.id}/parcours`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('À vérifier')
  })

  test('bad contract facts are refused and nothing is written', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const base = { checkpoint: 'm3', situation: 'employed', source: 'phone' }
    const refusals = [
      [{ ...base, contract_type: 'interim' }, 'contract_months'],
      [{ ...base, contract_type: 'cdd', contract_months: '0' }, 'contract_months'],
      [{ ...base }, 'contract_type'],
      [
        { ...base, contract_type: 'cdi', employer_name: 'X', employer_siret: '73254872000019' },
        'employer_siret',
      ],
    ] as const
    for (const [form, field] of refusals) {
      const response = await observe(client, enrollment, own.users.coordinator, form)
      assert.property(response.flashMessage('inputErrorsBag'), field, JSON.stringify(form))
    }
    assert.lengthOf(await outcomesAt(enrollment, 'm3'), 0)
  })

  test('a follow-up for an enrollment still in training is refused', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await observe(client, own.enrollment, own.users.coordinator, {
      checkpoint: 'm3',
      situation: 'employed',
      contract_type: 'cdi',
      source: 'phone',
    })
    response.assertFlashMessage(
      'error',
      'Cette personne est encore en formation : enregistrez d’abord sa sortie, le suivi viendra ensuite.'
    )
    assert.lengthOf(await outcomesAt(own.enrollment, 'm3'), 0)

    // The same rule holds for other callers of the action (self-report…).
    const result = await new RecordOutcome().handle({
      enrollment: own.enrollment,
      checkpoint: 'm3',
      facts: { situation: 'training' },
      source: 'declared',
      recordedBy: null,
    })
    assert.isFalse(result.recorded)
    assert.lengthOf(await outcomesAt(own.enrollment, 'm3'), 0)
  })

  test('another organisation’s enrollment is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const enrollment = await closed(other)
    const page = await client
      .get(`/coordination/inscriptions/${enrollment.id}/parcours`)
      .loginAs(own.users.coordinator)
    page.assertStatus(404)
    const post = await observe(client, enrollment, own.users.coordinator, {
      checkpoint: 'm3',
      situation: 'training',
      source: 'phone',
    })
    post.assertStatus(404)
    assert.lengthOf(await outcomesAt(enrollment, 'm3'), 0)
  })
})
