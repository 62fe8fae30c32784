import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import { buildWorld } from '#tests/helpers/world'
import { weekStartFrom } from '#actions/calendars/build_trainer_week'
import { addSession, positions, todayInParis } from '#tests/functional/plannings/helpers'

test.group('Mes séances (trainer)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the current week's sessions, day by day, with cohort, module, room and trainees enrolled", async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const second = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Deuxième',
      lastName: 'Stagiaire',
      sex: 'female',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: second.id,
      status: 'enrolled',
      startsOn: own.cohort.startsOn,
    })
    const gone = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Partie',
      lastName: 'Stagiaire',
      sex: 'female',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: gone.id,
      status: 'dropped_out',
      startsOn: own.cohort.startsOn,
    })
    await addSession(other, 'Module de beta', todayInParis())
    await addSession(own, 'Module annulé', todayInParis(), { isCancelled: true })

    const response = await client.get('/formateur/seances').loginAs(own.users.trainer)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Mes séances de la semaine')
    assert.include(html, 'Numérique alpha — Promotion alpha')
    assert.include(html, 'Salle : Salle alpha')
    assert.include(html, 'Site : Centre alpha')
    assert.include(html, '2 stagiaires inscrit·es')
    assert.include(html, 'Annulée')
    assert.notInclude(html, 'Module de beta')
    assert.notInclude(html, 'Numérique beta')
    assert.include(html, 'href="/mon-calendrier"')
  })

  test('navigates to the previous and next weeks with ?semaine=', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const monday = todayInParis().startOf('week')
    const nextMonday = monday.plus({ weeks: 1 })
    const lastMonday = monday.minus({ weeks: 1 })
    await addSession(own, 'Module semaine suivante', nextMonday.plus({ days: 2 }))
    await addSession(own, 'Module semaine passée', lastMonday.plus({ days: 3 }))

    const current = await client.get('/formateur/seances').loginAs(own.users.trainer)
    const currentHtml = current.text()
    assert.include(currentHtml, `/formateur/seances?semaine=${nextMonday.toISODate()}`)
    assert.include(currentHtml, `/formateur/seances?semaine=${lastMonday.toISODate()}`)
    assert.notInclude(currentHtml, 'Module semaine suivante')

    const next = await client
      .get(`/formateur/seances?semaine=${nextMonday.toISODate()}`)
      .loginAs(own.users.trainer)
    const nextHtml = next.text()
    assert.include(nextHtml, 'Module semaine suivante')
    assert.notInclude(nextHtml, 'Numérique alpha')
    assert.include(nextHtml, 'Cette semaine')
    positions(nextHtml, [nextMonday.plus({ days: 2 }).setLocale('fr').toFormat('cccc')])

    // any day of a week shows that week
    const past = await client
      .get(`/formateur/seances?semaine=${lastMonday.plus({ days: 4 }).toISODate()}`)
      .loginAs(own.users.trainer)
    assert.include(past.text(), 'Module semaine passée')
  })

  test('a bad ?semaine= value shows the current week', async ({ client, assert }) => {
    const { own } = await buildWorld()
    for (const value of ['2026-02-30', 'demain', '1850-01-01', '2026-1-5', '']) {
      const response = await client
        .get('/formateur/seances')
        .qs({ semaine: value })
        .loginAs(own.users.trainer)
      response.assertStatus(200)
      assert.include(response.text(), 'Numérique alpha', `semaine=${value}`)
    }
  })

  test('weekStartFrom reads a date as its Monday in Paris', ({ assert }) => {
    const now = DateTime.fromISO('2026-11-26T10:00:00', { zone: 'Europe/Paris' })
    assert.equal(weekStartFrom('2026-12-03', now).toISODate(), '2026-11-30')
    assert.equal(weekStartFrom('2026-11-30', now).toISODate(), '2026-11-30')
    assert.equal(weekStartFrom('nope', now).toISODate(), '2026-11-23')
    assert.equal(weekStartFrom(['2026-12-03'], now).toISODate(), '2026-11-23')
  })
})
