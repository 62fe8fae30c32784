import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * Monday of "week 1" for the hand-computed cohort, so that its `now`
 * (Wednesday of week 2 at noon) is today: S1…S8 are past, S9 and S10 to
 * come, whatever the time the test runs (no session in progress today).
 */
export function mondayNineDaysAgo() {
  return DateTime.now().setZone(PARIS).startOf('day').minus({ days: 9 })
}

/**
 * The world's own cohort gets its roll calls, so that the only missing
 * roll calls of the organisation are the ones a test makes.
 */
export async function markWorldRollCallsDone(side: Side) {
  await ClassSession.query()
    .where('cohort_id', side.cohort.id)
    .update({ roll_call_at: DateTime.utc().toFormat(db.connection().dialect.dateTimeFormat) })
}

let n = 0

/**
 * A cohort of `size` trainees, 4 past sessions with a roll call (one
 * absence, one late arrival per trainee) and one without: to check that
 * the cohort's summary costs the same number of queries for any size.
 */
export async function cohortOfSize(side: Side, size: number) {
  n++
  const monday = mondayNineDaysAgo()
  const cohort = await Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    coordinatorId: side.users.coordinator.id,
    name: `Promotion de ${size} (${n})`,
    startsOn: monday,
    endsOn: monday.plus({ weeks: 3 }),
    capacity: 30,
    status: 'running',
  })
  const sessions = []
  for (const [offset, rollCall] of [
    [0, true],
    [1, true],
    [2, true],
    [3, true],
    [4, false],
  ] as const) {
    const start = monday.plus({ days: offset }).set({ hour: 9 })
    sessions.push(
      await ClassSession.create({
        organizationId: side.organization.id,
        cohortId: cohort.id,
        programmeModuleId: side.module.id,
        trainerId: side.users.trainer.id,
        startsAt: start,
        endsAt: start.set({ hour: 12, minute: 30 }),
        isCancelled: false,
        rollCallAt: rollCall ? start.set({ hour: 12, minute: 30 }) : null,
      })
    )
  }
  for (let i = 0; i < size; i++) {
    const trainee = await Trainee.create({
      organizationId: side.organization.id,
      firstName: `Personne${i}`,
      lastName: `Taille${size}-${n}`,
    })
    const enrollment = await Enrollment.create({
      organizationId: side.organization.id,
      cohortId: cohort.id,
      traineeId: trainee.id,
      status: 'active',
      startsOn: monday,
    })
    await AttendanceRecord.createMany(
      sessions.slice(0, 4).map((session, index) => ({
        organizationId: side.organization.id,
        classSessionId: session.id,
        enrollmentId: enrollment.id,
        status: index === 0 ? 'absent' : index === 1 ? 'late' : 'present',
        minutesMissed: index === 1 ? 15 : 0,
        absenceJustified: index === 0 ? false : null,
      }))
    )
  }
  return cohort
}

/**
 * How many SQL queries `action` runs (knex's `query` event, which also
 * reports the queries of a transaction, such as the tests' global one).
 */
export async function countQueries(action: () => Promise<unknown>) {
  const knex = db.connection().getWriteClient()
  let count = 0
  const listener = () => {
    count++
  }
  knex.on('query', listener)
  try {
    await action()
  } finally {
    knex.removeListener('query', listener)
  }
  return count
}
