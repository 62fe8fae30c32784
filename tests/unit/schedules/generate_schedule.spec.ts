import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Organization from '#models/organization'
import Site from '#models/site'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import AttendanceRecord from '#models/attendance_record'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import GenerateSchedule from '#actions/schedules/generate_schedule'
import { ScheduleError, type WeeklySlot } from '#actions/schedules/plan_schedule'

const PARIS = 'Europe/Paris'
const STANDARD: WeeklySlot[] = [
  ...[1, 2, 3, 4].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:30' },
    { weekday, start: '13:30', end: '17:00' },
  ]),
  { weekday: 5, start: '09:00', end: '12:30' },
]

const at = (iso: string) => DateTime.fromISO(iso, { zone: PARIS })

/**
 * A Digit'Elles-like 400-hour programme at a site of the given department,
 * and a cohort from 7 September 2026 to 29 January 2027.
 */
async function cohortOf400Hours(departmentCode = '76') {
  const organization = await Organization.create({ name: 'Trajectio', slug: 'trajectio' })
  const site = await Site.create({
    organizationId: organization.id,
    name: 'Centre',
    departmentCode,
  })
  const programme = await Programme.create({
    organizationId: organization.id,
    title: 'Digit’Elles',
    slug: 'digitelles',
    totalHours: 400,
    certificationKind: 'none',
    status: 'ready',
  })
  const modules = await ProgrammeModule.createMany(
    (
      [
        ['Numérique', 'digital', 150, 'centre'],
        ['Français', 'french', 60, 'centre'],
        ['Mathématiques', 'maths', 40, 'centre'],
        ['Visites d’entreprises', 'company_visit', 14, 'centre'],
        ['Stage', 'internship', 105, 'company'],
        ['Savoir-être', 'soft_skills', 31, 'centre'],
      ] as const
    ).map(([title, kind, plannedHours, location], index) => ({
      organizationId: organization.id,
      programmeId: programme.id,
      title,
      kind,
      plannedHours,
      location,
      position: index + 1,
    }))
  )
  const cohort = await Cohort.create({
    organizationId: organization.id,
    programmeId: programme.id,
    siteId: site.id,
    name: 'Promotion automne 2026',
    startsOn: at('2026-09-07'),
    endsOn: at('2027-01-29'),
    capacity: 12,
    status: 'planned',
  })
  return { organization, modules, cohort }
}

async function minutesByModule(cohort: Cohort) {
  const sessions = await ClassSession.query()
    .where('cohort_id', cohort.id)
    .where('is_cancelled', false)
  const minutes = new Map<number, number>()
  for (const session of sessions) {
    const id = session.programmeModuleId!
    minutes.set(id, (minutes.get(id) ?? 0) + session.durationMinutes)
  }
  return minutes
}

test.group('GenerateSchedule', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a 400-hour cohort: every module meets its hours, holidays skipped', async ({ assert }) => {
    const { cohort, modules } = await cohortOf400Hours()
    const result = await new GenerateSchedule().handle({
      cohort,
      pattern: STANDARD,
      closures: [{ from: '2026-12-21', to: '2027-01-01' }],
      room: 'Salle 2',
      now: at('2026-08-01T12:00'),
    })

    const minutes = await minutesByModule(cohort)
    for (const module of modules) assert.equal(minutes.get(module.id), module.plannedHours * 60)
    assert.equal(result.createdMinutes, 400 * 60)
    const saved = await ClassSession.query().where('cohort_id', cohort.id)
    const days = new Set(saved.map((session) => session.startsAt.setZone(PARIS).toISODate()))
    for (const holiday of ['2026-11-11', '2026-12-25', '2027-01-01'])
      assert.isFalse(days.has(holiday))
    assert.isFalse(days.has('2026-12-22'), 'closure')

    const internship = await ClassSession.query()
      .where('programme_module_id', modules[4].id)
      .firstOrFail()
    assert.isNull(internship.room)
    const lesson = await ClassSession.query()
      .where('programme_module_id', modules[0].id)
      .firstOrFail()
    assert.equal(lesson.room, 'Salle 2')
    assert.isNull(lesson.trainerId)
    assert.equal(lesson.organizationId, cohort.organizationId)
  })

  test('regenerating keeps past sessions and every session with attendance', async ({ assert }) => {
    const { organization, cohort, modules } = await cohortOf400Hours()
    await new GenerateSchedule().handle({ cohort, pattern: STANDARD, now: at('2026-08-01T12:00') })

    const trainee = await Trainee.create({
      organizationId: organization.id,
      firstName: 'Awa',
      lastName: 'Diallo',
      sex: 'female',
    })
    const enrollment = await Enrollment.create({
      organizationId: organization.id,
      cohortId: cohort.id,
      traineeId: trainee.id,
      status: 'active',
      startsOn: cohort.startsOn,
    })
    const sessions = await ClassSession.query().where('cohort_id', cohort.id).orderBy('starts_at')
    const past = sessions[3]
    const futureSigned = sessions.find((session) => session.startsAt > at('2026-10-05T00:00'))!
    for (const session of [past, futureSigned]) {
      await AttendanceRecord.create({
        organizationId: organization.id,
        classSessionId: session.id,
        enrollmentId: enrollment.id,
        status: 'present',
        minutesMissed: 0,
      })
    }
    const pastUnsigned = sessions[4]
    const now = at('2026-10-01T12:00')

    await assert.rejects(
      () => new GenerateSchedule().handle({ cohort, pattern: STANDARD, now }),
      /Cochez la case pour les remplacer/
    )

    // Mornings only from now on: the future changes, the rest stays.
    const mornings = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:30' }))
    const result = await new GenerateSchedule().handle({
      cohort,
      pattern: mornings,
      now,
      replace: true,
    })

    assert.isNotNull(await ClassSession.find(past.id))
    assert.isNotNull(await ClassSession.find(pastUnsigned.id))
    assert.isNotNull(await ClassSession.find(futureSigned.id))
    assert.lengthOf(await AttendanceRecord.query().where('enrollment_id', enrollment.id), 2)
    assert.isAbove(result.replaced, 0)

    const after = await ClassSession.query()
      .where('cohort_id', cohort.id)
      .where('starts_at', '>', now.toUTC().toSQL({ includeOffset: false })!)
      .whereNot('id', futureSigned.id)
    for (const session of after) {
      const start = session.startsAt.setZone(PARIS)
      const end = session.endsAt.setZone(PARIS)
      assert.isTrue(start.hour >= 9 && end <= start.set({ hour: 12, minute: 30 }), 'mornings')
      assert.isFalse(
        session.startsAt < futureSigned.endsAt && session.endsAt > futureSigned.startsAt,
        'no overlap with the kept session'
      )
    }
    const minutes = await minutesByModule(cohort)
    for (const module of modules) assert.equal(minutes.get(module.id), module.plannedHours * 60)
  })

  test('a closed cohort is refused, and nothing is written', async ({ assert }) => {
    const { cohort } = await cohortOf400Hours()
    cohort.status = 'completed'
    const error = await new GenerateSchedule()
      .handle({ cohort, pattern: STANDARD, now: at('2026-08-01T12:00') })
      .catch((caught) => caught)
    assert.instanceOf(error, ScheduleError)
    assert.equal(error.code, 'cohort_closed')
    assert.lengthOf(await ClassSession.query().where('cohort_id', cohort.id), 0)
  })

  test('a refused plan leaves the existing sessions untouched', async ({ assert }) => {
    const { cohort } = await cohortOf400Hours()
    await new GenerateSchedule().handle({ cohort, pattern: STANDARD, now: at('2026-08-01T12:00') })
    const before = await ClassSession.query().where('cohort_id', cohort.id).count('* as total')
    const error = await new GenerateSchedule()
      .handle({
        cohort,
        pattern: [{ weekday: 1, start: '09:00', end: '10:00' }],
        replace: true,
        now: at('2026-08-01T12:00'),
      })
      .catch((caught) => caught)
    assert.equal(error.code, 'not_enough_time')
    const after = await ClassSession.query().where('cohort_id', cohort.id).count('* as total')
    assert.equal(after[0].$extras.total, before[0].$extras.total)
  })
})
