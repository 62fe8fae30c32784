import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import dispatcher from '#services/dispatcher'
import mailbox from '#services/mailbox'
import AttendanceAlert from '#models/attendance_alert'
import AttendanceRecord from '#models/attendance_record'
import Cohort from '#models/cohort'
import Programme from '#models/programme'
import User from '#models/user'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'
import { buildWorld, type Side } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'
import { mondayNineDaysAgo } from '#tests/functional/attendance/hours_helpers'
import { programmeForm } from '#tests/functional/programmes/helpers'

/**
 * The hand-computed cohort (tests/unit/attendance/hand_computed_cohort.ts)
 * with today as its "now". With the default thresholds:
 * - Alice has 2 unjustified half-days in 30 days (S7, S8): under 3, no
 *   alert; her rate over the sessions with a roll call is 575 / 1260 =
 *   45 % (S5 has none), with 21 h recorded (≥ 14 h): a low-rate alert;
 * - Bruno: only 10 h 30 recorded, too early for a rate alert;
 * - Chloé left: never an alert.
 *
 * Mails go to a coordinator with an address of this run only, so that the
 * shared test mailbox folder is read without emptying it.
 */
async function setUp() {
  const { own, other } = await buildWorld()
  const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })
  const coordinator = await User.create({
    organizationId: own.organization.id,
    fullName: 'Nadia Coordination',
    email: `nadia-${randomUUID()}@alpha.test`,
    password: 'password-123',
    role: 'coordinator',
  })
  world.cohort.coordinatorId = coordinator.id
  await world.cohort.save()
  return { own, other, world, coordinator }
}

async function check(cohort: Cohort) {
  const result = await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: cohort.id })
  if (result.driver === 'sync' && result.status === 'failed') throw result.error
  return result
}

async function alertsOf(cohort: Cohort) {
  return AttendanceAlert.query().where('cohort_id', cohort.id).orderBy('id')
}

async function mailsTo(email: string) {
  const mails = await mailbox.list()
  return mails
    .filter((mail) => mail.to.some((to) => to.address.toLowerCase() === email.toLowerCase()))
    .reverse()
}

async function absentUnjustified(side: Side, world: Awaited<ReturnType<typeof setUp>>['world']) {
  return AttendanceRecord.create({
    organizationId: side.organization.id,
    classSessionId: world.sessions.s5.id,
    enrollmentId: world.enrollments.alice.id,
    status: 'absent',
    minutesMissed: 0,
    absenceJustified: false,
  })
}

test.group('Attendance alerts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('raised once, stored in the database, mailed once to the cohort’s coordinator', async ({
    assert,
  }) => {
    const { own, world, coordinator } = await setUp()

    await check(world.cohort)
    let alerts = await alertsOf(world.cohort)
    assert.lengthOf(alerts, 1)
    const [lowRate] = alerts
    assert.equal(lowRate.enrollmentId, world.enrollments.alice.id)
    assert.equal(lowRate.kind, 'low_rate')
    assert.equal(lowRate.organizationId, own.organization.id)
    assert.equal(lowRate.unresolved, 1)
    assert.isNotNull(lowRate.raisedAt)
    assert.isNotNull(lowRate.notifiedAt)
    assert.isNull(lowRate.acknowledgedAt)
    // 575 / 1260, the figures when raised.
    assert.closeTo(lowRate.details!.rate!, 575 / 1260, 1e-4)
    assert.equal(lowRate.details!.minRate, 0.8)
    assert.equal(lowRate.details!.recordedMinutes, 1260)

    let mails = await mailsTo(coordinator.email)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, `Présences : une alerte pour ${world.cohort.name}`)
    assert.include(mails[0].text, 'Alice Martin : Taux de présence de 45 % (seuil : 80 %).')
    assert.include(mails[0].text, `/coordination/promotions/${world.cohort.id}/presences`)
    assert.notInclude(mails[0].text, 'Bruno')
    assert.notInclude(mails[0].text, 'Chloé')

    // A second check (after another roll call, say) raises and mails nothing new.
    await check(world.cohort)
    assert.lengthOf(await alertsOf(world.cohort), 1)
    assert.lengthOf(await mailsTo(coordinator.email), 1)

    // A third unjustified half-day within 30 days: a new alert, a new mail
    // with only that alert.
    await absentUnjustified(own, world)
    await check(world.cohort)
    alerts = await alertsOf(world.cohort)
    assert.deepEqual(
      alerts.map((alert) => alert.kind),
      ['low_rate', 'unjustified_half_days']
    )
    assert.deepInclude(alerts[1].details, { halfDays: 3, threshold: 3, windowDays: 30 })
    mails = await mailsTo(coordinator.email)
    assert.lengthOf(mails, 2)
    assert.include(
      mails[1].text,
      'Alice Martin : 3 demi-journées d’absence non justifiée en 30 jours (seuil : 3).'
    )
    assert.notInclude(mails[1].text, 'Taux de présence')
  })

  test('not raised under the programme’s thresholds; a threshold of 0 turns a kind off', async ({
    assert,
  }) => {
    const { own, world, coordinator } = await setUp()

    // Alice's 45 % is above a 40 % floor.
    await Programme.query().where('id', own.programme.id).update({ alert_min_rate: 0.4 })
    await check(world.cohort)
    assert.lengthOf(await alertsOf(world.cohort), 0)

    // 3 unjustified half-days, but the programme asks for 4.
    await absentUnjustified(own, world)
    await Programme.query()
      .where('id', own.programme.id)
      .update({ alert_unjustified_half_days: 4, alert_min_rate: 0 })
    await check(world.cohort)
    assert.lengthOf(await alertsOf(world.cohort), 0)
    assert.lengthOf(await mailsTo(coordinator.email), 0)

    // At 3 it is raised.
    await Programme.query().where('id', own.programme.id).update({ alert_unjustified_half_days: 3 })
    await check(world.cohort)
    const alerts = await alertsOf(world.cohort)
    assert.deepEqual(
      alerts.map((alert) => [alert.enrollmentId, alert.kind]),
      [[world.enrollments.alice.id, 'unjustified_half_days']]
    )
  })

  test('the thresholds are set in the programme form', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .put(`/coordination/programmes/${own.programme.id}`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        programmeForm({
          minAttendanceRate: '75',
          alertUnjustifiedHalfDays: '2',
          alertWindowDays: '14',
          alertMinRate: '85.5',
        })
      )
      .redirects(0)
    response.assertStatus(302)

    const programme = await Programme.findOrFail(own.programme.id)
    assert.equal(programme.minAttendanceRate, 0.75)
    assert.equal(programme.alertUnjustifiedHalfDays, 2)
    assert.equal(programme.alertWindowDays, 14)
    assert.equal(programme.alertMinRate, 0.855)

    const form = await client
      .get(`/coordination/programmes/${own.programme.id}/modifier`)
      .loginAs(own.users.coordinator)
    form.assertTextIncludes('Présences et alertes')
    form.assertTextIncludes('value="85.5"')

    // Empty fields give the defaults back.
    await client
      .put(`/coordination/programmes/${own.programme.id}`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(programmeForm())
      .redirects(0)
    await programme.refresh()
    assert.equal(programme.minAttendanceRate, 0.8)
    assert.equal(programme.alertUnjustifiedHalfDays, 3)
    assert.equal(programme.alertWindowDays, 30)
    assert.equal(programme.alertMinRate, 0.8)

    const refused = await client
      .put(`/coordination/programmes/${own.programme.id}`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(programmeForm({ alertMinRate: '120', alertWindowDays: '0' }))
      .redirects(0)
    refused.assertStatus(302)
    await programme.refresh()
    assert.equal(programme.alertMinRate, 0.8)
    assert.equal(programme.alertWindowDays, 30)
  })

  test('listed on the dashboard until acknowledged, who and when; not raised again', async ({
    client,
    assert,
  }) => {
    const { own, world, coordinator } = await setUp()
    await check(world.cohort)

    const dashboard = await client.get('/coordination').loginAs(coordinator)
    dashboard.assertStatus(200)
    const html = dashboard.text()
    const section = html.slice(html.indexOf('id="attendance-alerts"'))
    assert.include(section, 'Alice Martin')
    assert.include(section, world.cohort.name)
    assert.include(section, 'Taux de présence de 45 % (seuil : 80 %)')
    assert.include(section, 'Depuis le ')
    assert.include(section, `/coordination/promotions/${world.cohort.id}/presences#enrollment-`)
    assert.include(section, 'Alerte vue / traitée')

    const refused = await client
      .post(`/coordination/inscriptions/${world.enrollments.alice.id}/alertes-presence/traitee`)
      .loginAs(coordinator)
      .withCsrfToken()
      .form({ kind: 'everything' })
      .redirects(0)
    refused.assertStatus(302)
    const [untouched] = await alertsOf(world.cohort)
    assert.isNull(untouched.acknowledgedAt)

    const response = await client
      .post(`/coordination/inscriptions/${world.enrollments.alice.id}/alertes-presence/traitee`)
      .loginAs(coordinator)
      .withCsrfToken()
      .form({ kind: 'low_rate', note: 'Appelée, rendez-vous jeudi.', back: 'dashboard' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/coordination')

    const [alert] = await alertsOf(world.cohort)
    assert.isNotNull(alert.acknowledgedAt)
    assert.equal(alert.acknowledgedById, coordinator.id)
    assert.equal(alert.acknowledgementNote, 'Appelée, rendez-vous jeudi.')
    assert.equal(alert.unresolved, 1)

    const after = await client.get('/coordination').loginAs(coordinator)
    const afterSection = after.text().slice(after.text().indexOf('id="attendance-alerts"'))
    assert.notInclude(afterSection, 'Alice Martin')
    assert.include(afterSection, 'Aucune alerte de présence en attente.')

    // The situation lasts: the next check does not raise it again.
    await check(world.cohort)
    assert.lengthOf(await alertsOf(world.cohort), 1)
    assert.lengthOf(await mailsTo(coordinator.email), 1)

    // The cohort page still shows it, as seen.
    const page = await client
      .get(`/coordination/promotions/${world.cohort.id}/presences`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Alerte vue : Taux de présence bas')
  })

  test('another organisation cannot acknowledge it', async ({ client, assert }) => {
    const { other, world } = await setUp()
    await check(world.cohort)
    const response = await client
      .post(`/coordination/inscriptions/${world.enrollments.alice.id}/alertes-presence/traitee`)
      .loginAs(other.users.coordinator)
      .withCsrfToken()
      .form({ kind: 'low_rate' })
      .redirects(0)
    response.assertStatus(404)
    const [alert] = await alertsOf(world.cohort)
    assert.isNull(alert.acknowledgedAt)
  })

  test('resolved when the situation is over, raised again if it comes back', async ({ assert }) => {
    const { own, world } = await setUp()
    await Programme.query().where('id', own.programme.id).update({ alert_min_rate: 0 })
    const record = await absentUnjustified(own, world)
    await check(world.cohort)
    let alerts = await alertsOf(world.cohort)
    assert.lengthOf(alerts, 1)

    // The absence is justified: 2 half-days left, the alert is resolved.
    record.absenceJustified = true
    await record.save()
    await check(world.cohort)
    alerts = await alertsOf(world.cohort)
    assert.lengthOf(alerts, 1)
    assert.isNotNull(alerts[0].resolvedAt)
    assert.isNull(alerts[0].unresolved)

    // Refused after all: a new alert, the old one kept as history.
    record.absenceJustified = false
    await record.save()
    await check(world.cohort)
    alerts = await alertsOf(world.cohort)
    assert.lengthOf(alerts, 2)
    assert.deepEqual(
      alerts.map((alert) => alert.unresolved),
      [null, 1]
    )
  })

  test('a cohort without a coordinator: every coordinator of the organisation is told', async ({
    assert,
  }) => {
    const { own, world } = await setUp()
    world.cohort.coordinatorId = null
    await world.cohort.save()
    const colleague = await User.create({
      organizationId: own.organization.id,
      fullName: 'Karim Coordination',
      email: `karim-${randomUUID()}@alpha.test`,
      password: 'password-123',
      role: 'coordinator',
    })
    await check(world.cohort)
    assert.lengthOf(await mailsTo(colleague.email), 1)
  })

  test('`node ace attendance:alerts` checks every running cohort', async ({ assert }) => {
    const { own, world } = await setUp()
    const over = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })
    over.cohort.status = 'completed'
    await over.cohort.save()

    const ace = await app.container.make('ace')
    const command = await ace.exec('attendance:alerts', [])
    assert.equal(command.exitCode, 0)
    assert.lengthOf(await alertsOf(world.cohort), 1)
    // A cohort that is over is left alone.
    assert.lengthOf(await alertsOf(over.cohort), 0)
  })
})
