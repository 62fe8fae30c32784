import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import ClassSession from '#models/class_session'
import Programme from '#models/programme'
import ComputeAttendance, {
  cohortSchedule,
  missingRollCalls,
  type EnrollmentAttendance,
} from '#actions/attendance/compute_attendance'
import { parisDaySql, parisHalfDayKeySql } from '#services/paris_time_sql'
import { PARIS } from '#services/sql_time'
import { buildWorld } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'

/**
 * Week 1 starts on Monday 24 March 2025; summer time starts on Sunday
 * 30 March, so week 2 is in summer time (the Paris day and half-day of a
 * session must not move with it). `now` is Wednesday 2 April at 12:00.
 */
const MONDAY = DateTime.fromObject({ year: 2025, month: 3, day: 24 }, { zone: PARIS })

async function handComputed() {
  const { own } = await buildWorld()
  return buildHandComputedCohort(own, { monday: MONDAY, ongoing: true })
}

function byName(rows: EnrollmentAttendance[]) {
  return Object.fromEntries(rows.map((row) => [row.firstName, row]))
}

test.group('Attendance | hours and rates of a hand-computed cohort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('per trainee: planned, attended, missed, absences, not recorded, rate', async ({
    assert,
  }) => {
    const world = await handComputed()
    const result = await new ComputeAttendance().forCohort(world.cohort, { now: world.now })
    const { Alice, Bruno, Chloé } = byName(result.enrollments)

    // Ordered by last name: Durand, Martin, Petit.
    assert.deepEqual(
      result.enrollments.map((row) => row.lastName),
      ['Durand', 'Martin', 'Petit']
    )

    // Alice, the whole cohort. Past sessions in her dates, not cancelled:
    // S1 S2 S4 S5 S6 S7 S8 = 7 × 210 = 1470 min (S3 cancelled, S11 still
    // in progress at noon, S9 S10 to come).
    // Attended: S1 210 + S2 (late 25) 185 + S4 (left 30 early) 180 = 575.
    // Missed: 25 + 30 = 55. Justified: S6 210. Unjustified: S7 + S8 = 420
    // (S8 not decided yet counts as unjustified). Not recorded: S5 210.
    // 575 + 55 + 210 + 420 + 210 = 1470. Rate 575 / 1470.
    assert.include(Alice, {
      plannedMinutes: 1470,
      plannedSessions: 7,
      attendedMinutes: 575,
      missedMinutes: 55,
      justifiedAbsenceMinutes: 210,
      unjustifiedAbsenceMinutes: 420,
      notRecordedMinutes: 210,
      unjustifiedHalfDays: 2,
      status: 'active',
    })
    assert.closeTo(Alice.rate!, 575 / 1470, 1e-9)

    // Bruno starts on Monday of week 2: S6 S7 S8 = 630 min; the sessions of
    // week 1 are not his. Attended 210 + 210 + (late 60) 150 = 570.
    assert.include(Bruno, {
      plannedMinutes: 630,
      plannedSessions: 3,
      attendedMinutes: 570,
      missedMinutes: 60,
      justifiedAbsenceMinutes: 0,
      unjustifiedAbsenceMinutes: 0,
      notRecordedMinutes: 0,
      unjustifiedHalfDays: 0,
    })
    assert.closeTo(Bruno.rate!, 570 / 630, 1e-9)

    // Chloé left on Wednesday of week 1 (that day included): S1 S2 S4 =
    // 630 min; S5 (no roll call) and week 2 are after her exit.
    // Attended 210 + 210 = 420; S4 unjustified 210, one half-day.
    assert.include(Chloé, {
      plannedMinutes: 630,
      plannedSessions: 3,
      attendedMinutes: 420,
      missedMinutes: 0,
      justifiedAbsenceMinutes: 0,
      unjustifiedAbsenceMinutes: 210,
      notRecordedMinutes: 0,
      unjustifiedHalfDays: 1,
      status: 'dropped_out',
      exitOn: world.day(2).toISODate(),
    })
    assert.closeTo(Chloé.rate!, 420 / 630, 1e-9)
  })

  test('the minimum to reach: 80 % of the hours planned for the enrollment', async ({ assert }) => {
    const world = await handComputed()
    const result = await new ComputeAttendance().forCohort(world.cohort, { now: world.now })
    const { Alice, Bruno, Chloé } = byName(result.enrollments)
    assert.equal(result.rules.minAttendanceRate, 0.8)

    // Alice: to come S11 S9 S10 = 630; expected 1470 + 630 = 2100;
    // minimum ⌈0.8 × 2100⌉ = 1680; still needed 1680 − 575 = 1105; at
    // most 575 + 210 (S5, not recorded yet) + 630 = 1415 < 1680.
    assert.deepInclude(Alice.progress, {
      pastMinutes: 1470,
      attendedMinutes: 575,
      notRecordedMinutes: 210,
      recordedMinutes: 1260,
      remainingMinutes: 630,
      expectedMinutes: 2100,
      minimumMinutes: 1680,
      neededMinutes: 1105,
      possibleMinutes: 1415,
      reachable: false,
      recentUnjustifiedHalfDays: 2,
    })
    assert.isTrue(Alice.warning)

    // Bruno: expected 630 + 630 = 1260; minimum 1008; needed 1008 − 570 =
    // 438; at most 570 + 630 = 1200: reachable, rate 90 %: no warning.
    assert.deepInclude(Bruno.progress, {
      remainingMinutes: 630,
      expectedMinutes: 1260,
      minimumMinutes: 1008,
      neededMinutes: 438,
      possibleMinutes: 1200,
      reachable: true,
    })
    assert.isFalse(Bruno.warning)

    // Chloé left: nothing to come; minimum ⌈0.8 × 630⌉ = 504; needed 84.
    assert.deepInclude(Chloé.progress, {
      remainingMinutes: 0,
      expectedMinutes: 630,
      minimumMinutes: 504,
      neededMinutes: 84,
      possibleMinutes: 420,
      reachable: false,
    })
    assert.isTrue(Chloé.warning)
  })

  test('a programme with another minimum gives other needed hours', async ({ assert }) => {
    const world = await handComputed()
    await Programme.query()
      .where('id', world.cohort.programmeId)
      .update({ min_attendance_rate: 0.5 })
    const result = await new ComputeAttendance().forCohort(world.cohort, { now: world.now })
    const { Bruno } = byName(result.enrollments)
    // Bruno: ⌈0.5 × 1260⌉ = 630; needed 630 − 570 = 60.
    assert.equal(Bruno.progress.minimumMinutes, 630)
    assert.equal(Bruno.progress.neededMinutes, 60)
  })

  test('cohort totals are the sums of the trainees', async ({ assert }) => {
    const world = await handComputed()
    const { totals } = await new ComputeAttendance().forCohort(world.cohort, { now: world.now })
    // Planned 1470 + 630 + 630 = 2730; attended 575 + 570 + 420 = 1565.
    assert.include(totals, {
      plannedMinutes: 2730,
      plannedSessions: 13,
      attendedMinutes: 1565,
      missedMinutes: 115,
      justifiedAbsenceMinutes: 210,
      unjustifiedAbsenceMinutes: 630,
      notRecordedMinutes: 210,
      unjustifiedHalfDays: 3,
    })
    assert.closeTo(totals.rate!, 1565 / 2730, 1e-9)
  })

  test('a date range narrows the figures (a month, a week)', async ({ assert }) => {
    const world = await handComputed()
    const compute = new ComputeAttendance()

    // Tuesday of week 2 only: S8.
    const tuesday = await compute.forCohort(world.cohort, {
      now: world.now,
      from: world.day(8),
      to: world.day(8),
    })
    const one = byName(tuesday.enrollments)
    assert.include(one.Alice, {
      plannedMinutes: 210,
      attendedMinutes: 0,
      unjustifiedAbsenceMinutes: 210,
      unjustifiedHalfDays: 1,
    })
    assert.include(one.Bruno, { plannedMinutes: 210, attendedMinutes: 150, missedMinutes: 60 })
    assert.include(one.Chloé, { plannedMinutes: 0, attendedMinutes: 0 })
    assert.isNull(one.Chloé.rate)
    // The progress still covers the whole enrollment.
    assert.equal(one.Alice.progress.pastMinutes, 1470)

    // Week 1 for Alice, through the per-enrollment entry point: S1 S2 S4 S5.
    const week = await compute.forEnrollment(world.enrollments.alice, {
      now: world.now,
      from: world.day(0),
      to: world.day(6),
    })
    assert.include(week, {
      enrollmentId: world.enrollments.alice.id,
      plannedMinutes: 840,
      attendedMinutes: 575,
      missedMinutes: 55,
      notRecordedMinutes: 210,
      unjustifiedAbsenceMinutes: 0,
    })
    assert.equal(week.rules.minAttendanceRate, 0.8)
  })

  test('before any session everything is zero and the rate is unknown', async ({ assert }) => {
    const world = await handComputed()
    const result = await new ComputeAttendance().forCohort(world.cohort, {
      now: world.monday.minus({ days: 1 }),
    })
    const { Alice } = byName(result.enrollments)
    assert.include(Alice, { plannedMinutes: 0, attendedMinutes: 0, notRecordedMinutes: 0 })
    assert.isNull(Alice.rate)
    assert.isNull(result.totals.rate)
    // 11 sessions minus the cancelled one, all to come: 10 × 210.
    assert.equal(Alice.progress.remainingMinutes, 2100)
    assert.isTrue(Alice.progress.reachable)
    assert.isFalse(Alice.warning)
  })

  test('the missing roll calls: past, not cancelled, roll call never saved', async ({ assert }) => {
    const world = await handComputed()
    const missing = await missingRollCalls(world.cohort, { now: world.now })
    // S3 is cancelled, S11 still in progress, S9 and S10 to come.
    assert.deepEqual(
      missing.map((session) => session.id),
      [world.sessions.s5.id]
    )
    assert.equal(missing[0].halfDay, 'afternoon')
    assert.equal(missing[0].programmeModule.title, 'Numérique alpha')
    assert.equal(missing[0].trainer.fullName, 'trainer alpha')

    const schedule = await cohortSchedule(world.cohort, { now: world.now })
    // S1 S2 S4 S5 S6 S7 S8 = 7 × 210; to come S11 S9 S10 = 630.
    assert.deepEqual(schedule, { pastSessions: 7, pastMinutes: 1470, remainingMinutes: 630 })
  })

  test('only the cohort of the organisation: another cohort’s trainees are not counted', async ({
    assert,
  }) => {
    const world = await handComputed()
    const result = await new ComputeAttendance().forCohort(world.cohort, { now: world.now })
    assert.lengthOf(result.enrollments, 3)
    assert.notInclude(
      result.enrollments.map((row) => row.lastName),
      'alpha'
    )
  })
})

test.group('Attendance | Paris day and half-day in SQL', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('follow summer time, on either side of its changes', async ({ assert }) => {
    const { own } = await buildWorld()
    const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
    const cases: [string, string, string][] = [
      // UTC start, Paris day, half-day key
      ['2025-03-28T11:30:00', '2025-03-28', '2025-03-28m'], // 12:30 winter time
      ['2025-03-28T12:30:00', '2025-03-28', '2025-03-28a'], // 13:30 winter time
      ['2025-03-31T11:30:00', '2025-03-31', '2025-03-31a'], // 13:30 summer time
      ['2025-03-31T10:30:00', '2025-03-31', '2025-03-31m'], // 12:30 summer time
      ['2025-10-24T11:30:00', '2025-10-24', '2025-10-24a'], // 13:30 summer time
      ['2025-10-27T11:30:00', '2025-10-27', '2025-10-27m'], // 12:30 winter time
      ['2025-06-30T22:30:00', '2025-07-01', '2025-07-01m'], // 00:30 the next day
      ['2025-12-31T23:30:00', '2026-01-01', '2026-01-01m'], // 00:30 new year
    ]
    const ids: number[] = []
    for (const [start] of cases) {
      const session = await ClassSession.create({
        organizationId: own.organization.id,
        cohortId: own.cohort.id,
        startsAt: utc(start),
        endsAt: utc(start).plus({ hours: 1 }),
        isCancelled: false,
      })
      ids.push(session.id)
    }
    const rows = await db
      .from('class_sessions as cs')
      .whereIn('cs.id', ids)
      .orderBy('cs.id')
      .select(
        db.raw(`${parisDaySql('cs.starts_at')} as day`),
        db.raw(`${parisHalfDayKeySql('cs.starts_at')} as half_day`)
      )
    assert.deepEqual(
      rows.map((row) => [
        typeof row.day === 'string' ? row.day.slice(0, 10) : String(row.day),
        row.half_day,
      ]),
      cases.map(([, day, key]) => [day, key])
    )
  })
})
