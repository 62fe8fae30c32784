import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import AuditEvent from '#models/audit_event'
import { buildWorld } from '#tests/helpers/world'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import { enrolTrainee, rollCallBody } from '#tests/functional/attendance/roll_call_helpers'

const coordinatorUrl = (id: number) => `/coordination/seances/${id}/appel`

test.group('Roll call: corrections after the session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page of a past session asks for the reason of a correction', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(coordinatorUrl(own.pastSession.id))
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes(
      'La séance est terminée : changer une présence déjà notée est une correction.'
    )
    response.assertTextIncludes('Motif de la correction')
    response.assertTextIncludes('Présence signée par le formateur à')
  })

  test('changing a recorded presence without a reason is refused, nothing changes', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(coordinatorUrl(own.pastSession.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        rollCallBody({
          [rowKey(own.enrollment.id)]: { status: 'late', minutes: 45, seen: 'present:0:0' },
        })
      )
    response.assertTextIncludes(
      'Indiquez le motif de la correction : la séance est terminée, chaque modification est tracée.'
    )
    await own.attendance.refresh()
    assert.equal(own.attendance.status, 'present')
    assert.equal(own.attendance.minutesMissed, 0)
    assert.lengthOf(await AuditEvent.query().where('subject_type', 'attendance_records'), 0)
  })

  test('a correction keeps the previous value in the audit trail with who, why and from where', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const newcomer = await enrolTrainee(own, 'Oubli', { firstName: 'Sam' })
    const response = await client
      .post(coordinatorUrl(own.pastSession.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        rollCallBody(
          {
            [rowKey(own.enrollment.id)]: { status: 'late', minutes: 45, seen: 'present:0:0' },
            [newcomer.key]: { status: 'absent' },
          },
          { reason: 'Feuille papier vérifiée : arrivée à 14h15' }
        )
      )
    response.assertTextIncludes('L’appel est enregistré : 0 présent, 1 en retard, 1 absent.')

    await own.attendance.refresh()
    assert.equal(own.attendance.status, 'late')
    assert.equal(own.attendance.minutesMissed, 45)
    assert.equal(own.attendance.recordedById, own.users.coordinator.id)
    assert.equal(own.attendance.signatureMethod, 'trainer', 'the signature proof is kept')

    const events = await AuditEvent.query().where('subject_type', 'attendance_records')
    assert.lengthOf(events, 1, 'a record created after the fact is not a correction')
    const [event] = events
    assert.equal(event.action, 'attendance.updated')
    assert.equal(event.subjectId, own.attendance.id)
    assert.equal(event.userId, own.users.coordinator.id)
    assert.equal(event.organizationId, own.organization.id)
    assert.equal(event.reason, 'Feuille papier vérifiée : arrivée à 14h15')
    assert.isNotNull(event.ip)
    assert.deepEqual(event.changes, {
      status: { from: 'present', to: 'late' },
      minutesMissed: { from: 0, to: 45 },
    })

    const created = await AttendanceRecord.query()
      .where('class_session_id', own.pastSession.id)
      .where('enrollment_id', newcomer.enrollment.id)
      .firstOrFail()
    assert.equal(created.status, 'absent')
  })

  test('a trainer overriding a self-signature clears it, and the trail keeps it', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.attendance.signatureMethod = 'trainee_phone'
    own.attendance.signatureIp = '10.1.2.3'
    await own.attendance.save()

    await client
      .post(`/formateur/seances/${own.pastSession.id}/appel`)
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(
        rollCallBody(
          { [rowKey(own.enrollment.id)]: { status: 'absent', seen: 'present:0:0' } },
          { reason: 'A signé depuis chez elle' }
        )
      )
    await own.attendance.refresh()
    assert.equal(own.attendance.status, 'absent')
    assert.isNull(own.attendance.signedAt)
    const event = await AuditEvent.query()
      .where('subject_type', 'attendance_records')
      .where('subject_id', own.attendance.id)
      .firstOrFail()
    assert.equal(event.userId, own.users.trainer.id)
    assert.equal(event.reason, 'A signé depuis chez elle')
    assert.deepEqual(event.changes!.signatureMethod, { from: 'trainee_phone', to: null })
    assert.deepEqual(event.changes!.status, { from: 'present', to: 'absent' })
    assert.isNotNull(event.changes!.signedAt.from)
  })
})
