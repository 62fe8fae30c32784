import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import Programme from '#models/programme'
import Trainee from '#models/trainee'
import Application from '#models/application'
import Funder from '#models/funder'
import User from '#models/user'
import { CohortFactory } from '#database/factories/cohort_factory'
import { ClassSessionFactory } from '#database/factories/class_session_factory'
import { ProgrammeModuleFactory } from '#database/factories/programme_module_factory'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { ApplicationFactory } from '#database/factories/application_factory'
import { FunderFactory } from '#database/factories/funder_factory'
import { UserFactory } from '#database/factories/user_factory'

const PARIS = 'Europe/Paris'

test.group('Model columns', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('booleans, decimals and JSON read back with their JavaScript types', async ({ assert }) => {
    const cohort = await CohortFactory.apply('esfCofinanced').create()
    const module = await ProgrammeModuleFactory.merge({ plannedHours: 17.5 }).create()
    const trainee = await TraineeFactory.apply('qpv').create()
    const application = await ApplicationFactory.apply('ineligible').create()
    const pending = await ApplicationFactory.create()
    const funder = await FunderFactory.apply('franceTravail').create()
    const user = await UserFactory.create()

    const reloaded = {
      cohort: await Cohort.findOrFail(cohort.id),
      module: await ProgrammeModule.findOrFail(module.id),
      trainee: await Trainee.findOrFail(trainee.id),
      application: await Application.findOrFail(application.id),
      pending: await Application.findOrFail(pending.id),
      funder: await Funder.findOrFail(funder.id),
      user: await User.findOrFail(user.id),
    }

    assert.strictEqual(reloaded.cohort.esfCofinanced, true)
    assert.strictEqual(reloaded.module.plannedHours, 17.5)
    assert.strictEqual(reloaded.trainee.qpv, true)
    assert.strictEqual(reloaded.trainee.zrr, false)
    assert.strictEqual(reloaded.trainee.qpvGeography, '2024')
    assert.strictEqual(reloaded.application.eligible, false)
    assert.deepEqual(reloaded.application.eligibility, {
      result: 'ineligible',
      reasons: ['qualification_too_high'],
    })
    assert.isNull(reloaded.pending.eligible)
    assert.strictEqual(reloaded.funder.receivesNames, true)
    assert.strictEqual(reloaded.user.isActive, true)
    assert.equal(reloaded.cohort.startsOn.toISODate(), cohort.startsOn.toISODate())
  })

  test('session times are stored in UTC whatever the zone they are given in', async ({
    assert,
  }) => {
    // Summer time in Paris (UTC+2): 9:00 in Paris is 7:00 UTC.
    const startsAt = DateTime.fromISO('2025-06-02T09:00', { zone: PARIS })
    const session = await ClassSessionFactory.merge({
      startsAt,
      endsAt: startsAt.plus({ hours: 3, minutes: 30 }),
    }).create()

    const reloaded = await ClassSession.findOrFail(session.id)
    assert.equal(reloaded.startsAt.toMillis(), startsAt.toMillis())
    assert.equal(reloaded.startsAt.toUTC().hour, 7)
    assert.equal(reloaded.startsAt.setZone(PARIS).toFormat('HH:mm'), '09:00')

    // What the database holds: text without offset on SQLite, timestamptz on PostgreSQL.
    const row = await db.from('class_sessions').where('id', session.id).firstOrFail()
    const stored =
      row.starts_at instanceof Date
        ? DateTime.fromJSDate(row.starts_at, { zone: 'utc' })
        : DateTime.fromSQL(row.starts_at, { zone: 'utc' })
    assert.equal(stored.toFormat('yyyy-MM-dd HH:mm'), '2025-06-02 07:00')
  })

  test('a session knows its half-day and its hours, in Paris time', async ({ assert }) => {
    const session = new ClassSession()

    // 12:30 in Paris is 11:30 UTC in winter: morning.
    session.startsAt = DateTime.fromISO('2025-01-06T11:30:00Z')
    session.endsAt = DateTime.fromISO('2025-01-06T12:45:00Z')
    assert.equal(session.halfDay, 'morning')
    assert.equal(session.durationMinutes, 75)
    assert.equal(session.hours, 1.25)

    // 12:00 UTC is 13:00 in Paris in winter, 14:00 in summer: afternoon.
    session.startsAt = DateTime.fromISO('2025-01-06T12:00:00Z')
    assert.equal(session.halfDay, 'afternoon')
    session.startsAt = DateTime.fromISO('2025-07-07T10:30:00Z')
    assert.equal(session.halfDay, 'morning')
    session.startsAt = DateTime.fromISO('2025-07-07T11:00:00Z')
    assert.equal(session.halfDay, 'afternoon')

    const made = await ClassSessionFactory.apply('afternoon').make()
    assert.equal(made.halfDay, 'afternoon')
    assert.equal(made.hours, 3.5)
  })

  test('cohort scopes and trainee name', async ({ assert }) => {
    const running = await CohortFactory.create()
    await CohortFactory.merge({ organizationId: running.organizationId })
      .apply('completed')
      .create()

    const cohorts = await Cohort.query()
      .where('organization_id', running.organizationId)
      .withScopes((scopes) => scopes.running())
    assert.deepEqual(
      cohorts.map(({ id }) => id),
      [running.id]
    )

    const trainee = await TraineeFactory.merge({ firstName: 'Aïcha', lastName: 'Traoré' }).make()
    assert.equal(trainee.fullName, 'Aïcha Traoré')
  })
})

test.group('Model relations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a programme lists its modules in curriculum order, and counts them', async ({ assert }) => {
    const programme = await ProgrammeFactory.create()
    for (const position of [3, 1, 2]) {
      await ProgrammeModuleFactory.merge({ programmeId: programme.id, position }).create()
    }

    await programme.load('modules')
    assert.deepEqual(
      programme.modules.map((module) => module.position),
      [1, 2, 3]
    )

    const [counted] = await Programme.query().where('id', programme.id).withCount('modules')
    assert.equal(Number(counted.$extras.modules_count), 3)
    const withModules = await Programme.query().where('id', programme.id).has('modules', '>=', 3)
    assert.lengthOf(withModules, 1)
  })
})
