import { DateTime } from 'luxon'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import Outcome from '#models/outcome'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * A hand-computed cohort funded by the side's funder (whose definitions are
 * GEN positive exit, hence also employment overall):
 *
 * - 4 entrants: Ada (woman, QPV, level 3, job seeker, active), Béa (woman,
 *   level 5, job seeker, completed), Cléo (woman, level unknown, NEET,
 *   dropped out for health), Dan (man, level 4, active). Béa and Cléo left
 *   2 days ago.
 * - Pathway: 2 in training (50 %), 1 completed (25 %), 1 dropout (25 %),
 *   cause "Santé" 1 of 1.
 * - Profile among the 3 enrolled (the dropout excluded): women 2 (66,7 %),
 *   QPV 1 (33,3 %), level ≤ 4 2 (66,7 %), job seekers 2 (66,7 %), NEET 0 (0 %).
 * - Sessions: 3 days ago 9:00–12:30 and 2 days ago 13:30–17:00 (7 h
 *   delivered, 2 sessions); a cancelled one yesterday and one in 3 days
 *   do not count.
 * - Attendance: session 1 Ada present, Béa late 30 min, Cléo absent, Dan
 *   present; session 2 Ada and Béa present, Cléo absent, Dan not recorded:
 *   1 020 of 1 680 minutes, 17 h of 28 h, 60 % (60,7 rounded down).
 * - Outcomes over the 2 who left: at exit Béa in a CDI (yes to both
 *   definitions), Cléo unknown: 1 of 2 (50 %), 1 unknown; later
 *   checkpoints: 0 of 2, 2 unknown.
 */
export async function buildFunderDataset(side: Side) {
  await side.funder.merge({ outcomeDefinitions: ['gen_positive_exit'] }).save()
  const today = DateTime.now().setZone(PARIS).startOf('day')
  const organizationId = side.organization.id
  const cohort = await Cohort.create({
    organizationId,
    programmeId: side.programme.id,
    siteId: side.site.id,
    coordinatorId: side.users.coordinator.id,
    name: 'Promotion comptée à la main',
    startsOn: today.minus({ weeks: 3 }),
    endsOn: today.plus({ weeks: 8 }),
    capacity: 12,
    status: 'running',
  })
  await cohort.related('funders').attach({
    [side.funder.id]: { places_funded: 6, organization_id: organizationId },
  })

  const exitOn = today.minus({ days: 2 })
  const people = [
    {
      firstName: 'Ada',
      sex: 'female',
      qpv: true,
      level: 3,
      jobSeeker: true,
      neet: false,
      status: 'active',
    },
    {
      firstName: 'Béa',
      sex: 'female',
      qpv: false,
      level: 5,
      jobSeeker: true,
      neet: false,
      status: 'completed',
      exitReason: 'completed',
    },
    {
      firstName: 'Cléo',
      sex: 'female',
      qpv: false,
      level: null,
      jobSeeker: false,
      neet: true,
      status: 'dropped_out',
      exitReason: 'health',
    },
    {
      firstName: 'Dan',
      sex: 'male',
      qpv: false,
      level: 4,
      jobSeeker: false,
      neet: false,
      status: 'active',
    },
  ] as const
  const enrollments: Enrollment[] = []
  for (const person of people) {
    const trainee = await Trainee.create({
      organizationId,
      firstName: person.firstName,
      lastName: `Nominatif${person.firstName}`,
      sex: person.sex,
      qpv: person.qpv,
      qualificationLevel: person.level,
      jobSeeker: person.jobSeeker,
      neet: person.neet,
      rqth: 'yes',
    })
    const left = 'exitReason' in person
    enrollments.push(
      await Enrollment.create({
        organizationId,
        cohortId: cohort.id,
        traineeId: trainee.id,
        status: person.status,
        startsOn: cohort.startsOn,
        exitOn: left ? exitOn : null,
        exitReason: left ? person.exitReason : null,
      })
    )
  }
  const [ada, bea, cleo, dan] = enrollments

  const session = (start: DateTime, end: DateTime, isCancelled = false) =>
    ClassSession.create({
      organizationId,
      cohortId: cohort.id,
      programmeModuleId: side.module.id,
      trainerId: side.users.trainer.id,
      startsAt: start,
      endsAt: end,
      room: 'Salle comptée',
      isCancelled,
    })
  const day3 = today.minus({ days: 3 })
  const day2 = today.minus({ days: 2 })
  const day1 = today.minus({ days: 1 })
  const first = await session(day3.set({ hour: 9 }), day3.set({ hour: 12, minute: 30 }))
  const second = await session(day2.set({ hour: 13, minute: 30 }), day2.set({ hour: 17 }))
  await session(day1.set({ hour: 9 }), day1.set({ hour: 12 }), true)
  await session(today.plus({ days: 3 }).set({ hour: 9 }), today.plus({ days: 3 }).set({ hour: 12 }))

  const record = (
    classSession: ClassSession,
    enrollment: Enrollment,
    status: 'present' | 'late' | 'absent',
    minutesMissed = 0
  ) =>
    AttendanceRecord.create({
      organizationId,
      classSessionId: classSession.id,
      enrollmentId: enrollment.id,
      status,
      minutesMissed,
      recordedById: side.users.trainer.id,
    })
  await record(first, ada, 'present')
  await record(first, bea, 'late', 30)
  await record(first, cleo, 'absent')
  await record(first, dan, 'present')
  await record(second, ada, 'present')
  await record(second, bea, 'present')
  await record(second, cleo, 'absent')

  await Outcome.create({
    organizationId,
    enrollmentId: bea.id,
    checkpoint: 'exit',
    observedOn: exitOn,
    situation: 'employed',
    contractType: 'cdi',
    contractStartOn: exitOn.plus({ days: 1 }),
    source: 'declared',
    recordedById: side.users.coordinator.id,
  })

  return { cohort, enrollments }
}
