import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import ProgrammeModule from '#models/programme_module'
import AttendanceRecord from '#models/attendance_record'
import Enrollment from '#models/enrollment'
import { buildWorld, type Side, removePastSession } from '#tests/helpers/world'

const PARIS = 'Europe/Paris'

/**
 * Row fields named as a browser sends them (`pattern[0][day]`), which
 * the body parser reads back as arrays of objects.
 */
function asForm(fields: Record<string, unknown>) {
  const form: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (!Array.isArray(value)) {
      form[name] = String(value)
      continue
    }
    value.forEach((row: Record<string, string>, index) => {
      for (const [key, cell] of Object.entries(row)) form[`${name}[${index}][${key}]`] = cell
    })
  }
  return form
}

/**
 * The form as a coordinator sends it: Monday to Thursday 9:00–12:30 and
 * 13:30–17:00, Friday morning, then empty rows.
 */
function standardForm(extra: Record<string, unknown> = {}) {
  const pattern: Record<string, string>[] = []
  for (const day of [1, 2, 3, 4]) {
    pattern.push({ day: String(day), start: '09:00', end: '12:30' })
    pattern.push({ day: String(day), start: '13:30', end: '17:00' })
  }
  pattern.push({ day: '5', start: '09:00', end: '12:30' })
  pattern.push({ day: '', start: '', end: '' })
  return asForm({ pattern, closures: [{ from: '', to: '' }], room: 'Salle 3', ...extra })
}

/**
 * A planned cohort starting in two weeks, with a 3-module curriculum of
 * 116 hours (the internship in a company).
 */
async function futureCohort(side: Side) {
  const start = DateTime.now().setZone(PARIS).startOf('week').plus({ weeks: 2 })
  const cohort = await Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    name: 'Promotion printemps',
    startsOn: start,
    endsOn: start.plus({ weeks: 20 }),
    capacity: 12,
    status: 'planned',
  })
  await ProgrammeModule.query().where('id', side.module.id).update({ planned_hours: 60 })
  await ProgrammeModule.createMany([
    {
      organizationId: side.organization.id,
      programmeId: side.programme.id,
      title: 'Français écrit',
      kind: 'french',
      plannedHours: 21,
      position: 2,
      location: 'centre',
    },
    {
      organizationId: side.organization.id,
      programmeId: side.programme.id,
      title: 'Stage en entreprise',
      kind: 'internship',
      plannedHours: 35,
      position: 3,
      location: 'company',
    },
  ])
  return cohort
}

/**
 * A flashed value, as the test reads it.
 */
function flashed(response: { flashMessage(key: string): unknown }, key: string): any {
  return response.flashMessage(key)
}

async function sessionCount(cohort: Cohort) {
  const [row] = await ClassSession.query().where('cohort_id', cohort.id).count('* as total')
  return Number(row.$extras.total)
}

test.group('Schedule page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a coordinator generates a schedule that meets every module', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const cohort = await futureCohort(own)
    const url = `/coordination/promotions/${cohort.id}/planning`

    const before = await client.get(url).loginAs(own.users.coordinator)
    before.assertStatus(200)
    before.assertTextIncludes('Planning de la promotion Promotion printemps')
    before.assertTextIncludes('Il manque 60 h')
    before.assertTextIncludes('Aucune séance pour l’instant')
    assert.include(before.text(), 'name="pattern[8][day]"')
    assert.match(before.text(), /<option value="5" selected>Vendredi<\/option>/)

    const generated = await client
      .post(url)
      .form(standardForm())
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    generated.assertStatus(302)
    generated.assertHeader('location', url)
    assert.match(flashed(generated, 'success'), /Planning généré : \d+ séances \(116 h\)/)

    const sessions = await ClassSession.query()
      .where('cohort_id', cohort.id)
      .preload('programmeModule')
    const minutes: Record<string, number> = {}
    for (const session of sessions) {
      const title = session.programmeModule.title
      minutes[title] = (minutes[title] ?? 0) + session.durationMinutes
      assert.equal(session.room, session.programmeModule.location === 'company' ? null : 'Salle 3')
    }
    assert.deepEqual(minutes, {
      'Numérique alpha': 60 * 60,
      'Français écrit': 21 * 60,
      'Stage en entreprise': 35 * 60,
    })

    const after = await client.get(url).loginAs(own.users.coordinator)
    assert.notInclude(after.text(), 'Il manque')
    assert.include(after.text(), 'Conforme')
    assert.include(after.text(), 'Semaine du')
    assert.include(after.text(), 'En entreprise')
    assert.include(after.text(), 'Je remplace les')
  })

  test('regenerating keeps past sessions and their attendance', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const cohort = own.cohort
    await ProgrammeModule.query().where('id', own.module.id).update({ planned_hours: 100 })
    const enrollment = await Enrollment.findByOrFail('cohort_id', cohort.id)
    const lastWeek = DateTime.now().setZone(PARIS).startOf('day').minus({ days: 7 })
    const past = await ClassSession.create({
      organizationId: own.organization.id,
      cohortId: cohort.id,
      programmeModuleId: own.module.id,
      startsAt: lastWeek.set({ hour: 9 }),
      endsAt: lastWeek.set({ hour: 12, minute: 30 }),
      isCancelled: false,
    })
    const record = await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: past.id,
      enrollmentId: enrollment.id,
      status: 'present',
      minutesMissed: 0,
    })
    const url = `/coordination/promotions/${cohort.id}/planning`

    await client
      .post(url)
      .form(standardForm({ replace: '1' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
    const count = await sessionCount(cohort)
    const again = await client
      .post(url)
      .form(standardForm())
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    assert.match(flashed(again, 'inputErrorsBag').replace[0], /Cochez la case pour les remplacer/)
    assert.equal(await sessionCount(cohort), count, 'nothing replaced without the agreement')

    const regenerated = await client
      .post(url)
      .form(standardForm({ replace: '1', room: 'Salle 9' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    assert.include(flashed(regenerated, 'success'), 'Planning généré')

    assert.isNotNull(await ClassSession.find(past.id))
    assert.isNotNull(await AttendanceRecord.find(record.id))
    const sessions = await ClassSession.query().where('cohort_id', cohort.id)
    const total = sessions.reduce((sum, session) => sum + session.durationMinutes, 0)
    assert.equal(total, 100 * 60, 'past hours count towards the module')
    const future = sessions.filter((session) => session.startsAt > DateTime.now())
    assert.isTrue(future.every((session) => session.room === 'Salle 9'))
  })

  test('bad input gets a French message on its field and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const cohort = await futureCohort(own)
    const url = `/coordination/promotions/${cohort.id}/planning`
    const send = (form: Record<string, unknown>) =>
      client
        .post(url)
        .form(asForm(form))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)
    const errorsOf = (response: Awaited<ReturnType<typeof send>>) =>
      flashed(response, 'inputErrorsBag') ?? {}

    const backwards = await send({ pattern: [{ day: '1', start: '13:30', end: '12:00' }] })
    assert.include(
      errorsOf(backwards)['pattern.0.end'][0],
      'Le créneau du lundi finit avant de commencer'
    )

    const partial = await send({
      pattern: [
        { day: '', start: '', end: '' },
        { day: '2', start: '', end: '12:00' },
      ],
    })
    assert.deepEqual(errorsOf(partial)['pattern.1.start'], [
      'Indiquez l’heure de début du créneau.',
    ])

    const badTime = await send({ pattern: [{ day: '2', start: '9h', end: '12:00' }] })
    assert.deepEqual(errorsOf(badTime)['pattern.0.start'], ['Écrivez l’heure sous la forme 09:00.'])

    const empty = await send({ pattern: [{ day: '', start: '', end: '' }] })
    assert.include(errorsOf(empty).pattern[0], 'aucun créneau')

    const overlap = await send({
      pattern: [
        { day: '3', start: '09:00', end: '12:30' },
        { day: '3', start: '12:00', end: '14:00' },
      ],
    })
    assert.include(errorsOf(overlap)['pattern.1.start'][0], 'se chevauchent')

    const closure = await send(
      standardForm({ closures: [{ from: '2026-10-30', to: '2026-10-19' }] })
    )
    assert.deepEqual(errorsOf(closure)['closures.0.to'], [
      'Le dernier jour de la fermeture doit être le même jour que le premier ou après.',
    ])

    const tooShort = await send({ pattern: [{ day: '1', start: '09:00', end: '10:00' }] })
    assert.match(
      flashed(tooShort, 'error'),
      /^Il manque \d+ h : la période se termine avant la fin du module Numérique alpha\.$/
    )
    assert.equal(flashed(tooShort, 'pattern')[0].start, '09:00', 'the form is refilled')

    assert.equal(await sessionCount(cohort), 0)
    const page = await client.get(url).loginAs(own.users.coordinator)
    page.assertStatus(200)
  })

  test('the printable week lists its sessions', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const cohort = await futureCohort(own)
    const url = `/coordination/promotions/${cohort.id}/planning`
    await client.post(url).form(standardForm()).withCsrfToken().loginAs(own.users.coordinator)

    const monday = cohort.startsOn.toISODate()
    const week = await client
      .get(`${url}/imprimer?semaine=${monday}`)
      .loginAs(own.users.coordinator)
    week.assertStatus(200)
    assert.include(week.text(), 'class="schedule-print"')
    assert.include(week.text(), '<h2 id="day-0">')
    assert.include(week.text(), 'Numérique alpha')
    assert.include(week.text(), '09h00 – 12h30')
    assert.include(week.text(), 'Salle 3')

    const fallback = await client
      .get(`${url}/imprimer?semaine=n-importe-quoi`)
      .loginAs(own.users.coordinator)
    fallback.assertStatus(200)
    assert.include(fallback.text(), 'Numérique alpha', 'the cohort’s first week')
  })

  test("another organisation's cohort is not found", async ({ client }) => {
    const { own, other } = await buildWorld()
    await removePastSession(own)
    await removePastSession(other)
    const url = `/coordination/promotions/${other.cohort.id}/planning`
    const coordinator = own.users.coordinator

    const show = await client.get(url).loginAs(coordinator)
    show.assertStatus(404)
    const print = await client.get(`${url}/imprimer`).loginAs(coordinator)
    print.assertStatus(404)
    const post = await client
      .post(url)
      .form(standardForm({ replace: '1' }))
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    post.assertStatus(404)
    const [row] = await ClassSession.query().where('cohort_id', other.cohort.id).count('* as total')
    if (Number(row.$extras.total) !== 1) throw new Error('the other cohort was changed')
  })

  test('trainers and trainees cannot open the schedule page', async ({ client }) => {
    const { own } = await buildWorld()
    const url = `/coordination/promotions/${own.cohort.id}/planning`
    for (const [role, status] of [
      ['trainer', 403],
      ['trainee', 403],
      ['admin', 200],
    ] as const) {
      const response = await client.get(url).loginAs(own.users[role])
      response.assertStatus(status)
    }
  })
})
