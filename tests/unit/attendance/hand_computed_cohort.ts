import { DateTime } from 'luxon'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import User from '#models/user'
import type { AttendanceStatus } from '#enums/attendance_status'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

let n = 0

/**
 * A cohort of the side's organisation whose figures are computed by hand
 * (tests/unit/attendance/compute_attendance.spec.ts spells them out).
 *
 * Week 1 starts on `monday` (Paris). Every session lasts 3 h 30 = 210 min:
 * mornings 9:00–12:30, afternoons 13:30–17:00.
 *
 *   S1  Mon   week 1 morning     roll call
 *   S2  Mon   week 1 afternoon   roll call
 *   S3  Tue   week 1 morning     CANCELLED
 *   S4  Wed   week 1 morning     roll call
 *   S5  Fri   week 1 afternoon   NO roll call (missing)
 *   S6  Mon   week 2 morning     roll call
 *   S7  Mon   week 2 afternoon   roll call
 *   S8  Tue   week 2 morning     roll call
 *   S11 Wed   week 2 morning     in progress at `now` (only with `ongoing`)
 *   S9  Thu   week 2 morning     to come
 *   S10 Fri   week 2 afternoon   to come
 *
 * `now` is Wednesday of week 2 at 12:00 Paris.
 *
 * Trainees:
 *   Alice Martin   whole cohort. S1 present; S2 late 25 min; S4 present but
 *                  left 30 min early; S5 nothing recorded; S6 absent,
 *                  justified; S7 absent, unjustified; S8 absent, not yet
 *                  justified (announced the day before).
 *   Bruno Petit    starts Monday of week 2. S6 present; S7 present; S8 late
 *                  60 min.
 *   Chloé Durand   left: exit on Wednesday of week 1 (dropped out). S1
 *                  present; S2 present; S4 absent, unjustified.
 */
export async function buildHandComputedCohort(
  side: Side,
  options: { monday: DateTime; ongoing?: boolean }
) {
  n++
  const monday = options.monday.setZone(PARIS).startOf('day')
  const day = (offset: number) => monday.plus({ days: offset })
  const morning = (offset: number) => {
    const start = day(offset).set({ hour: 9 })
    return { startsAt: start, endsAt: start.set({ hour: 12, minute: 30 }) }
  }
  const afternoon = (offset: number) => {
    const start = day(offset).set({ hour: 13, minute: 30 })
    return { startsAt: start, endsAt: start.set({ hour: 17, minute: 0 }) }
  }
  const now = day(9).set({ hour: 12 })

  const cohort = await Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    coordinatorId: side.users.coordinator.id,
    name: `Promotion comptée ${n}`,
    startsOn: monday,
    endsOn: day(18),
    capacity: 12,
    status: 'running',
  })

  const session = async (
    slot: { startsAt: DateTime; endsAt: DateTime },
    extra: { rollCall?: boolean; cancelled?: boolean } = {}
  ) =>
    ClassSession.create({
      organizationId: side.organization.id,
      cohortId: cohort.id,
      programmeModuleId: side.module.id,
      trainerId: side.users.trainer.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      room: 'Salle 1',
      isCancelled: extra.cancelled ?? false,
      rollCallAt: extra.rollCall ? slot.endsAt : null,
      rollCallById: extra.rollCall ? side.users.trainer.id : null,
    })

  const sessions = {
    s1: await session(morning(0), { rollCall: true }),
    s2: await session(afternoon(0), { rollCall: true }),
    s3: await session(morning(1), { cancelled: true }),
    s4: await session(morning(2), { rollCall: true }),
    s5: await session(afternoon(4)),
    s6: await session(morning(7), { rollCall: true }),
    s7: await session(afternoon(7), { rollCall: true }),
    s8: await session(morning(8), { rollCall: true }),
    s11: options.ongoing ? await session(morning(9)) : null,
    s9: await session(morning(10)),
    s10: await session(afternoon(11)),
  }

  const person = async (firstName: string, lastName: string, withAccount = false) => {
    const user = withAccount
      ? await User.create({
          organizationId: side.organization.id,
          fullName: `${firstName} ${lastName}`,
          email: `${firstName.toLowerCase()}-${n}@${side.organization.slug}.test`,
          password: 'password-123',
          role: 'trainee',
        })
      : null
    const trainee = await Trainee.create({
      organizationId: side.organization.id,
      userId: user?.id ?? null,
      firstName,
      lastName,
      email: `${lastName.toLowerCase()}-${n}@${side.organization.slug}.test`,
      sex: 'female',
    })
    return { user, trainee }
  }
  const alice = await person('Alice', 'Martin', true)
  const bruno = await person('Bruno', 'Petit')
  const chloe = await person('Chloé', 'Durand')

  const enroll = (traineeId: number, extra: Partial<Enrollment> = {}) =>
    Enrollment.create({
      organizationId: side.organization.id,
      cohortId: cohort.id,
      traineeId,
      status: 'active',
      startsOn: monday,
      endsOn: day(18),
      ...extra,
    })
  const enrollments = {
    alice: await enroll(alice.trainee.id),
    bruno: await enroll(bruno.trainee.id, { startsOn: day(7) }),
    chloe: await enroll(chloe.trainee.id, {
      status: 'dropped_out',
      exitOn: day(2),
      exitReason: 'personal',
    }),
  }

  const record = (
    enrollment: Enrollment,
    classSession: ClassSession,
    status: AttendanceStatus,
    extra: Partial<AttendanceRecord> = {}
  ) =>
    AttendanceRecord.create({
      organizationId: side.organization.id,
      classSessionId: classSession.id,
      enrollmentId: enrollment.id,
      status,
      minutesMissed: 0,
      recordedById: side.users.trainer.id,
      ...extra,
    })

  const { s1, s2, s4, s6, s7, s8 } = sessions
  await record(enrollments.alice, s1, 'present')
  await record(enrollments.alice, s2, 'late', { minutesMissed: 25 })
  await record(enrollments.alice, s4, 'present', { minutesMissed: 30 })
  await record(enrollments.alice, s6, 'absent', {
    absenceReason: 'illness',
    absenceJustified: true,
  })
  await record(enrollments.alice, s7, 'absent', { absenceJustified: false })
  await record(enrollments.alice, s8, 'absent', {
    absenceJustified: null,
    announcedAt: day(7).set({ hour: 18 }),
  })
  await record(enrollments.bruno, s6, 'present')
  await record(enrollments.bruno, s7, 'present')
  await record(enrollments.bruno, s8, 'late', { minutesMissed: 60 })
  await record(enrollments.chloe, s1, 'present')
  await record(enrollments.chloe, s2, 'present')
  await record(enrollments.chloe, s4, 'absent', { absenceJustified: false })

  return {
    cohort,
    sessions,
    enrollments,
    trainees: { alice: alice.trainee, bruno: bruno.trainee, chloe: chloe.trainee },
    aliceUser: alice.user!,
    monday,
    now,
    day,
  }
}
