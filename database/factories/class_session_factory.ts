import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import { CohortFactory } from '#database/factories/cohort_factory'
import { UserFactory } from '#database/factories/user_factory'
import { AttendanceRecordFactory } from '#database/factories/attendance_record_factory'
import {
  PARIS,
  defaultCohortDates,
  organizationIdFor,
  weekdayFrom,
  willCreate,
} from '#database/factories/helpers'

let n = 0

/**
 * Half-day sessions of 3.5 hours (9:00–12:30 or 13:30–17:00, Paris time),
 * two a weekday, one after the other through a default cohort's 12 weeks.
 */
export const ClassSessionFactory = factory
  .define(ClassSession, () => {
    n++
    const day = weekdayFrom(defaultCohortDates().startsOn, Math.floor((n - 1) / 2) % 60)
    const startsAt = n % 2 === 1 ? at(day, 9, 0) : at(day, 13, 30)
    return {
      startsAt,
      endsAt: startsAt.plus({ hours: 3, minutes: 30 }),
      room: `Salle ${(n % 3) + 1}`,
      isCancelled: false,
      publishedAt: null,
      changedAt: null,
      programmeModuleId: null,
      trainerId: null,
      partnerCompanyId: null,
    }
  })
  .state('morning', (session) => {
    session.startsAt = at(session.startsAt, 9, 0)
    session.endsAt = session.startsAt.plus({ hours: 3, minutes: 30 })
  })
  .state('afternoon', (session) => {
    session.startsAt = at(session.startsAt, 13, 30)
    session.endsAt = session.startsAt.plus({ hours: 3, minutes: 30 })
  })
  .state('cancelled', (session) => {
    session.isCancelled = true
  })
  .state('published', (session) => {
    session.publishedAt = DateTime.now()
  })
  .relation('cohort', () => CohortFactory)
  .relation('trainer', () => UserFactory)
  .relation('attendanceRecords', () => AttendanceRecordFactory)
  .before('create', async (builder, session, ctx) => {
    session.organizationId ??= await organizationIdFor(builder, ctx, [[Cohort, session.cohortId]])
    if (!session.cohortId && !willCreate(builder, 'cohort')) {
      const cohort = await CohortFactory.merge({ organizationId: session.organizationId })
        .useCtx(ctx)
        .create()
      session.cohortId = cohort.id
    }
  })
  .build()

/**
 * The same day at the given Paris time, in UTC.
 */
function at(day: DateTime, hour: number, minute: number) {
  return day.setZone(PARIS).set({ hour, minute, second: 0, millisecond: 0 }).toUTC()
}
