import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceAlert from '#models/attendance_alert'
import CheckAttendanceAlerts, {
  alertHits,
  RATE_ALERT_MIN_RECORDED_MINUTES,
} from '#actions/attendance/check_attendance_alerts'
import type { EnrollmentAttendance } from '#actions/attendance/compute_attendance'
import { PARIS } from '#services/sql_time'
import { buildWorld } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'

const RULES = {
  minAttendanceRate: 0.8,
  alertUnjustifiedHalfDays: 3,
  alertWindowDays: 30,
  alertMinRate: 0.8,
}

function row(
  progress: Partial<EnrollmentAttendance['progress']>,
  extra: Partial<EnrollmentAttendance> = {}
) {
  return {
    enrollmentId: 7,
    status: 'active',
    exitOn: null,
    progress: {
      attendedMinutes: 0,
      recordedMinutes: 0,
      recentUnjustifiedHalfDays: 0,
      ...progress,
    },
    ...extra,
  } as EnrollmentAttendance
}

test.group('Attendance alerts | thresholds', () => {
  test('3 unjustified half-days raise, 2 do not; 0 turns the kind off', ({ assert }) => {
    assert.deepEqual(alertHits(row({ recentUnjustifiedHalfDays: 2 }), RULES, '2025-04-02'), [])
    assert.deepEqual(
      alertHits(row({ recentUnjustifiedHalfDays: 3 }), RULES, '2025-04-02').map((hit) => hit.kind),
      ['unjustified_half_days']
    )
    assert.deepEqual(
      alertHits(
        row({ recentUnjustifiedHalfDays: 9 }),
        { ...RULES, alertUnjustifiedHalfDays: 0 },
        '2025-04-02'
      ),
      []
    )
  })

  test('a rate under the floor raises once 14 h are recorded', ({ assert }) => {
    const enough = RATE_ALERT_MIN_RECORDED_MINUTES
    const low = (recorded: number) =>
      alertHits(
        row({ recordedMinutes: recorded, attendedMinutes: recorded * 0.79 }),
        RULES,
        '2025-04-02'
      )
    assert.deepEqual(low(enough - 1), [])
    assert.deepEqual(
      low(enough).map((hit) => hit.kind),
      ['low_rate']
    )
    assert.deepEqual(
      alertHits(
        row({ recordedMinutes: enough, attendedMinutes: enough * 0.8 }),
        RULES,
        '2025-04-02'
      ),
      []
    )
  })

  test('no alert for a trainee who left or completed', ({ assert }) => {
    const bad = { recentUnjustifiedHalfDays: 5, recordedMinutes: 2000, attendedMinutes: 0 }
    assert.deepEqual(alertHits(row(bad, { status: 'dropped_out' }), RULES, '2025-04-02'), [])
    assert.deepEqual(alertHits(row(bad, { status: 'completed' }), RULES, '2025-04-02'), [])
    assert.deepEqual(alertHits(row(bad, { exitOn: '2025-04-01' }), RULES, '2025-04-02'), [])
    assert.lengthOf(alertHits(row(bad, { exitOn: '2025-04-02' }), RULES, '2025-04-02'), 2)
  })
})

test.group('Attendance alerts | storing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('checks run together or twice store each alert once', async ({ assert }) => {
    const { own } = await buildWorld()
    const monday = DateTime.fromObject({ year: 2025, month: 3, day: 24 }, { zone: PARIS })
    const world = await buildHandComputedCohort(own, { monday, ongoing: true })
    const check = new CheckAttendanceAlerts()

    // Alice: 575 attended of 1260 recorded = 46 %: a low-rate alert.
    const results = await Promise.all([
      check.handle({ cohortId: world.cohort.id, now: world.now }),
      check.handle({ cohortId: world.cohort.id, now: world.now }),
    ])
    const again = await check.handle({ cohortId: world.cohort.id, now: world.now })
    const alerts = await AttendanceAlert.query().where('cohort_id', world.cohort.id)
    assert.lengthOf(alerts, 1)
    assert.equal(alerts[0].enrollmentId, world.enrollments.alice.id)
    assert.equal(alerts[0].kind, 'low_rate')
    assert.equal(results[0].raised + results[1].raised, 1)
    assert.deepEqual(again, { raised: 0, resolved: 0 })
  })

  test('an unknown cohort is nothing to check', async ({ assert }) => {
    assert.deepEqual(await new CheckAttendanceAlerts().handle({ cohortId: 987654 }), {
      raised: 0,
      resolved: 0,
    })
  })
})
