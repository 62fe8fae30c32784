import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import Outcome from '#models/outcome'
import User from '#models/user'
import AttendanceRecord from '#models/attendance_record'
import type Enrollment from '#models/enrollment'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import { nowInParis } from '#services/sql_time'
import { truncateAll } from '#tests/helpers/truncate'
import { buildWorld, type Side } from '#tests/helpers/world'
import {
  enrolTrainee,
  rollCallBody,
  sessionAround,
} from '#tests/functional/attendance/roll_call_helpers'

/**
 * Two people saving the same outcome or roll call at once: the second one
 * is told, in French, and loses neither their input nor the first one's.
 */
const CONFLICT = 'Pendant que vous remplissiez ce formulaire, '

async function closed(side: Side) {
  const result = await new CloseEnrollment().handle({
    enrollment: side.enrollment,
    exitOn: nowInParis().startOf('day').minus({ days: 1 }),
    reason: 'completed',
    certificationResult: null,
    situation: { situation: 'job_seeking' },
    source: 'declared',
    recordedBy: side.users.coordinator,
  })
  if (!result.closed) throw new Error(result.message)
  return side.enrollment
}

const outcomesUrl = (enrollment: Enrollment) =>
  `/coordination/inscriptions/${enrollment.id}/parcours`

/**
 * The page as a person opens it, and the hidden value their form sends back.
 */
async function openForm(client: ApiClient, enrollment: Enrollment, user: User) {
  const page = await client.get(outcomesUrl(enrollment)).loginAs(user)
  page.assertStatus(200)
  const known = page.text().match(/name="known_outcome_id" value="(\d+)"/)
  if (!known) throw new Error('the form has no known_outcome_id')
  return known[1]
}

function save(client: ApiClient, enrollment: Enrollment, user: User, form: object) {
  return client.post(outcomesUrl(enrollment)).form(form).withCsrfToken().loginAs(user).redirects(0)
}

const employed = {
  checkpoint: 'm6',
  situation: 'employed',
  contract_type: 'cdd',
  contract_months: '8',
  job_title: 'Magasinière',
  employer_name: 'Entrepôts du Nord',
  source: 'phone',
}
const seeking = { checkpoint: 'm6', situation: 'job_seeking', source: 'declared' }

async function secondCoordinator(side: Side) {
  return User.create({
    organizationId: side.organization.id,
    fullName: 'Camille Roux',
    email: `camille.roux@${side.organization.slug}.test`,
    password: 'password-123',
    role: 'coordinator',
  })
}

test.group('Faults | two people, one outcome', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the second save at the same checkpoint is refused, named, and keeps what was typed', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const camille = await secondCoordinator(own)

    // Both open the page; Camille saves first.
    const seenByCoordinator = await openForm(client, enrollment, own.users.coordinator)
    const seenByCamille = await openForm(client, enrollment, camille)
    const first = await save(client, enrollment, camille, {
      ...seeking,
      known_outcome_id: seenByCamille,
    })
    first.assertFlashMessage('success', 'L’observation est enregistrée.')

    // The refusal brings the person back to the page, their input in the form.
    const page = await client
      .post(outcomesUrl(enrollment))
      .form({ ...employed, known_outcome_id: seenByCoordinator })
      .withCsrfToken()
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes(
      'Pendant que vous remplissiez ce formulaire, Camille Roux a enregistré une observation à 6 mois : En recherche d’emploi. La vôtre n’est pas enregistrée. Vos saisies sont restées dans le formulaire : vérifiez l’historique ci-dessus, puis enregistrez à nouveau si votre observation est toujours juste.'
    )
    page.assertTextIncludes('value="Magasinière"')
    page.assertTextIncludes('value="Entrepôts du Nord"')
    const atM6 = await Outcome.query()
      .where('enrollment_id', enrollment.id)
      .where('checkpoint', 'm6')
    assert.deepEqual(
      atM6.map((outcome) => outcome.situation),
      ['job_seeking']
    )

    // The hidden value is now up to date (not the one sent back), so saving
    // again, having seen Camille's observation, goes through.
    const refreshed = page.text().match(/name="known_outcome_id" value="(\d+)"/)![1]
    assert.equal(Number(refreshed), atM6[0].id)
    const again = await save(client, enrollment, own.users.coordinator, {
      ...employed,
      known_outcome_id: refreshed,
    })
    again.assertFlashMessage('success', 'L’observation est enregistrée.')
    assert.lengthOf(
      await Outcome.query().where('enrollment_id', enrollment.id).where('checkpoint', 'm6'),
      2
    )
  })

  test('a save at another checkpoint is not held up by it', async ({ client }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const camille = await secondCoordinator(own)
    const seen = await openForm(client, enrollment, own.users.coordinator)
    await save(client, enrollment, camille, { ...seeking, known_outcome_id: seen })

    const other = await save(client, enrollment, own.users.coordinator, {
      ...employed,
      checkpoint: 'm3',
      known_outcome_id: seen,
    })
    other.assertFlashMessage('success', 'L’observation est enregistrée.')
  })
})

/**
 * Truly at once: both requests in flight together, on committed data (each
 * request has its own connection on PostgreSQL), truncated afterwards.
 */
test.group('Faults | two saves in flight together', (group) => {
  group.each.setup(async () => {
    await truncateAll()
    return () => truncateAll()
  })

  test('one outcome is recorded, the other person is told', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const enrollment = await closed(own)
    const camille = await secondCoordinator(own)
    const seen = await openForm(client, enrollment, own.users.coordinator)

    const responses = await Promise.all([
      save(client, enrollment, camille, { ...seeking, known_outcome_id: seen }),
      save(client, enrollment, own.users.coordinator, { ...employed, known_outcome_id: seen }),
    ])
    const flashes = responses.map((response) => response.flashMessages())
    const saved = flashes.filter((flash) => flash.success === 'L’observation est enregistrée.')
    const refused = flashes.filter((flash) => String(flash.error ?? '').startsWith(CONFLICT))
    assert.lengthOf(saved, 1)
    assert.lengthOf(refused, 1)
    assert.lengthOf(
      await Outcome.query().where('enrollment_id', enrollment.id).where('checkpoint', 'm6'),
      1
    )
  })

  test('one roll call line is saved once, the other person is told, nothing is mixed', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const second = await enrolTrainee(own, 'Durand', { firstName: 'Inès' })
    const key = rowKey(own.enrollment.id)
    const camille = await secondCoordinator(own)
    const url = `/coordination/seances/${session.id}/appel`
    const post = (user: User, status: string) =>
      client
        .post(url)
        .loginAs(user)
        .withCsrfToken()
        .form(rollCallBody({ [key]: { status }, [second.key]: { status } }))
        .redirects(0)

    const responses = await Promise.all([
      post(camille, 'present'),
      post(own.users.coordinator, 'absent'),
    ])
    const flashes = responses.map((response) => response.flashMessages())
    const savedIndex = flashes.findIndex((flash) =>
      String(flash.success ?? '').startsWith('L’appel est enregistré')
    )
    assert.notEqual(savedIndex, -1)
    const refused = flashes[1 - savedIndex]
    assert.match(
      String(refused.error),
      /^Quelqu’un d’autre a modifié l’appel pendant que vous le remplissiez, pour : .*Rien n’est enregistré\./
    )
    const records = await AttendanceRecord.query().where('class_session_id', session.id)
    const winner = savedIndex === 0 ? 'present' : 'absent'
    assert.deepEqual(
      records.map((record) => record.status),
      [winner, winner]
    )
  })
})
