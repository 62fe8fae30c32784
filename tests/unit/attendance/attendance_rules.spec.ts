import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import { buildWorld } from '#tests/helpers/world'
import { attendedMinutes, attendedMinutesSql } from '#services/attendance_rules'

test.group('Attendance rules: one session', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('present counts the whole session, late and early leave lose their minutes, absent nothing', ({
    assert,
  }) => {
    assert.equal(attendedMinutes(210, { status: 'present', minutesMissed: 0 }), 210)
    assert.equal(attendedMinutes(210, { status: 'late', minutesMissed: 25 }), 185)
    assert.equal(attendedMinutes(210, { status: 'present', minutesMissed: 30 }), 180)
    assert.equal(attendedMinutes(210, { status: 'absent', minutesMissed: 0 }), 0)
    assert.equal(attendedMinutes(210, { status: 'late', minutesMissed: 300 }), 0)
    assert.equal(attendedMinutes(210, null), 0)
  })

  test('the SQL fragment gives the same minutes as the rule', async ({ assert }) => {
    const { own } = await buildWorld()
    const late = await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: own.session.id,
      enrollmentId: own.enrollment.id,
      status: 'late',
      minutesMissed: 40,
    })
    const rows = await db
      .from('class_sessions as cs')
      .join('attendance_records as ar', 'ar.class_session_id', 'cs.id')
      .whereIn('ar.id', [own.attendance.id, late.id])
      .orderBy('ar.id')
      .select(db.raw(`${attendedMinutesSql('cs', 'ar')} as minutes`))
    assert.deepEqual(
      rows.map((row) => Number(row.minutes)),
      [210, 170]
    )
  })
})
