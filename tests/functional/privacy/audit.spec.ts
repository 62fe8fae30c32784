import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEvent from '#models/audit_event'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import { recordRqthRead } from '#services/sensitive_reads'
import { nowInParis } from '#services/sql_time'
import { buildWorld } from '#tests/helpers/world'
import { rollCallBody } from '#tests/functional/attendance/roll_call_helpers'

const rqthReads = () => AuditEvent.query().where('action', 'trainee.rqth_viewed').orderBy('id')

test.group('Privacy | audit trail of sensitive reads and changes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each view of an application showing RQTH records who read it', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await own.trainee.merge({ rqth: 'yes' }).save()
    const url = `/coordination/candidatures/${own.application.id}`

    const first = await client.get(url).loginAs(own.users.coordinator)
    first.assertStatus(200)
    first.assertTextIncludes('RQTH')
    // The person's data page is one link away.
    first.assertTextIncludes(`href="/coordination/personnes/${own.trainee.id}"`)
    await client.get(url).loginAs(own.users.admin)

    const events = await rqthReads()
    assert.lengthOf(events, 2, 'one event per page view')
    assert.deepEqual(
      events.map((e) => [e.userId, e.subjectType, e.subjectId, e.organizationId]),
      [
        [own.users.coordinator.id, 'trainees', own.trainee.id, own.organization.id],
        [own.users.admin.id, 'trainees', own.trainee.id, own.organization.id],
      ]
    )
    assert.equal(events[0].reason, `candidature n° ${own.application.id}`)
    assert.isNotNull(events[0].ip)
    assert.isNotNull(events[0].createdAt)
  })

  test('the person’s data page records the read; a refused visit records nothing', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const page = await client
      .get(`/coordination/personnes/${own.trainee.id}`)
      .loginAs(own.users.admin)
    page.assertStatus(200)
    const refused = await client
      .get(`/coordination/candidatures/${other.application.id}`)
      .loginAs(own.users.coordinator)
    refused.assertStatus(404)
    const events = await rqthReads()
    assert.lengthOf(events, 1)
    assert.equal(events[0].reason, 'page des données personnelles')
    assert.equal(events[0].userId, own.users.admin.id)
  })

  test('a read of many people is one event listing them all', async ({ assert }) => {
    const { own, other } = await buildWorld()
    await recordRqthRead({
      user: own.users.coordinator,
      traineeIds: [own.trainee.id, other.trainee.id, own.trainee.id],
      where: 'liste',
    })
    const events = await rqthReads()
    assert.lengthOf(events, 1)
    assert.deepEqual(events[0].changes, {
      trainee_ids: { from: null, to: [own.trainee.id, other.trainee.id] },
    })
  })

  test('an attendance correction is audited with who, when and what', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = nowInParis().minus({ seconds: 1 })
    const response = await client
      .post(`/coordination/seances/${own.pastSession.id}/appel`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        rollCallBody(
          { [rowKey(own.enrollment.id)]: { status: 'absent', seen: 'present:0:0' } },
          { reason: 'Erreur de saisie' }
        )
      )
    response.assertStatus(200)
    const event = await AuditEvent.query()
      .where('subject_type', 'attendance_records')
      .where('subject_id', own.attendance.id)
      .firstOrFail()
    assert.equal(event.action, 'attendance.updated')
    assert.equal(event.userId, own.users.coordinator.id)
    assert.isTrue(event.createdAt >= before)
    assert.deepInclude(event.changes!, { status: { from: 'present', to: 'absent' } })
  })

  test('an exit and an outcome observation are audited with who, when and what', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const closed = await new CloseEnrollment().handle({
      enrollment: own.enrollment,
      exitOn: nowInParis().startOf('day').minus({ days: 1 }),
      reason: 'completed',
      certificationResult: null,
      situation: { situation: 'job_seeking' },
      source: 'declared',
      recordedBy: own.users.coordinator,
    })
    assert.isTrue(closed.closed)
    const exit = await AuditEvent.query()
      .where('action', 'enrollment.closed')
      .where('subject_id', own.enrollment.id)
      .firstOrFail()
    assert.equal(exit.userId, own.users.coordinator.id)

    const before = nowInParis().minus({ seconds: 1 })
    const response = await client
      .post(`/coordination/inscriptions/${own.enrollment.id}/parcours`)
      .form({
        checkpoint: 'm3',
        situation: 'employed',
        contract_type: 'cdd',
        contract_months: '8',
        working_time: 'full_time',
        source: 'phone',
      })
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)
    response.assertFlashMessage('success', 'L’observation est enregistrée.')
    const events = await AuditEvent.query()
      .where('action', 'outcome.recorded')
      .where('subject_type', 'outcomes')
      .orderBy('id')
    const mine = events.at(-1)!
    assert.equal(mine.userId, own.users.admin.id)
    assert.equal(mine.organizationId, own.organization.id)
    assert.isTrue(mine.createdAt >= before)
    assert.deepInclude(mine.changes!, {
      checkpoint: { from: null, to: 'm3' },
      situation: { from: null, to: 'employed' },
      contract_type: { from: null, to: 'cdd' },
      contract_months: { from: null, to: 8 },
    })
  })
})
