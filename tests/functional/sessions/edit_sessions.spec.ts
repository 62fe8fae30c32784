import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import User from '#models/user'
import PartnerCompany from '#models/partner_company'
import mailbox from '#services/mailbox'
import { buildWorld, removePastSession } from '#tests/helpers/world'
import {
  mathsModule,
  nextWeek,
  otherSession,
  parisMoment,
  sessionForm,
  traineeAddress,
} from '#tests/functional/sessions/helpers'

const planning = (cohortId: number) => `/coordination/promotions/${cohortId}/planning`
const frenchDay = (date: string) => DateTime.fromISO(date).setLocale('fr').toFormat('cccc d LLLL')

test.group('Sessions | edit page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the session’s values in Paris time, with cancel', async ({ client, route }) => {
    const { own } = await buildWorld()

    const response = await client
      .get(route('coordinator.sessions.edit', { id: own.session.id }))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('<h1>Modifier la séance</h1>')
    response.assertTextIncludes('value="09:00"')
    response.assertTextIncludes('value="12:30"')
    response.assertTextIncludes(
      `value="${own.session.startsAt.setZone('Europe/Paris').toISODate()}"`
    )
    response.assertTextIncludes('Le formateur anime les deux groupes ensemble')
    response.assertTextIncludes('Annuler la séance')
    response.assertTextIncludes(`href="${planning(own.cohort.id)}"`)
  })

  test('offers only the organisation’s trainers and the programme’s modules', async ({
    client,
    route,
    assert,
  }) => {
    const { own, other } = await buildWorld()

    const response = await client
      .get(route('coordinator.sessions.edit', { id: own.session.id }))
      .loginAs(own.users.admin)

    response.assertStatus(200)
    assert.include(response.text(), `<option value="${own.users.trainer.id}" selected>`)
    assert.include(response.text(), own.module.title)
    assert.notInclude(response.text(), other.users.trainer.fullName)
    assert.notInclude(response.text(), other.module.title)
  })

  test('ticks "both groups together" when the trainer already shares the slot', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    const first = await otherSession(own, { room: 'Salle 1' })
    await otherSession(own, { room: 'Salle 2' })

    const response = await client
      .get(route('coordinator.sessions.edit', { id: first.id }))
      .loginAs(own.users.coordinator)

    assert.match(response.text(), /name="allow_shared_trainer"[^>]*checked/)
  })

  test('another organisation’s session is not found', async ({ client, route }) => {
    const { own, other } = await buildWorld()

    const response = await client
      .get(route('coordinator.sessions.edit', { id: other.session.id }))
      .loginAs(own.users.coordinator)

    response.assertStatus(404)
  })

  test('a trainer cannot edit sessions', async ({ client, route }) => {
    const { own } = await buildWorld()

    const response = await client
      .get(route('coordinator.sessions.edit', { id: own.session.id }))
      .loginAs(own.users.trainer)

    response.assertStatus(403)
  })
})

test.group('Sessions | update', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('moves a session, saved in UTC, back to the cohort’s planning', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    const maths = await mathsModule(own)
    const company = await PartnerCompany.create({
      organizationId: own.organization.id,
      name: 'Matmut',
    })
    const date = nextWeek(8)

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(
        sessionForm(own, {
          date,
          start_time: '13:30',
          end_time: '17:00',
          programme_module_id: maths.id,
          trainer_id: '',
          room: '  Salle B12 ',
          partner_company_id: company.id,
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', planning(own.cohort.id))
    response.assertFlashMessage('success', 'La séance est enregistrée.')
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isTrue(session.startsAt.equals(parisMoment(date, '13:30')))
    assert.isTrue(session.endsAt.equals(parisMoment(date, '17:00')))
    assert.equal(session.programmeModuleId, maths.id)
    assert.isNull(session.trainerId)
    assert.equal(session.room, 'Salle B12')
    assert.equal(session.partnerCompanyId, company.id)
    assert.isNull(session.changedAt)
  })

  test('accepts a time typed by hand ("9h00")', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const date = nextWeek()

    await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { date, start_time: '9h00', end_time: '12:00' }))
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)

    const session = await ClassSession.findOrFail(own.session.id)
    assert.isTrue(session.startsAt.equals(parisMoment(date, '09:00')))
  })

  const badInputs: [string, Record<string, unknown>, string, string][] = [
    ['no date', { date: '' }, 'date', 'Le champ « date » est obligatoire.'],
    [
      'a date that does not exist',
      { date: '2026-02-30' },
      'date',
      'Écrivez une date valide pour « date ».',
    ],
    [
      'a time that does not exist',
      { start_time: '25:00' },
      'start_time',
      'Écrivez une heure valide pour « heure de début », par exemple : 09:00.',
    ],
    ['no end time', { end_time: '' }, 'end_time', 'Le champ « heure de fin » est obligatoire.'],
    [
      'an end before the start',
      { start_time: '14:00', end_time: '09:00' },
      'end_time',
      'L’heure de fin doit être après l’heure de début.',
    ],
    [
      'a session ending when it starts',
      { start_time: '09:00', end_time: '09:00' },
      'end_time',
      'L’heure de fin doit être après l’heure de début : une séance ne peut pas commencer et finir à la même heure.',
    ],
    [
      'no module',
      { programme_module_id: '' },
      'programme_module_id',
      'Le champ « module » est obligatoire.',
    ],
    [
      'a room name too long',
      { room: 'x'.repeat(101) },
      'room',
      'Le champ « salle » doit avoir au plus 100 caractères.',
    ],
  ]

  for (const [label, values, field, message] of badInputs) {
    test(`refuses ${label}, saving nothing`, async ({ client, route, assert }) => {
      const { own } = await buildWorld()
      const before = own.session.startsAt

      const response = await client
        .post(route('coordinator.sessions.update', { id: own.session.id }))
        .form(sessionForm(own, { date: nextWeek(9), ...values }))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)

      response.assertStatus(302)
      response.assertValidationError(field, message)
      const session = await ClassSession.findOrFail(own.session.id)
      assert.equal(session.startsAt.toMillis(), before.toMillis())
    })
  }

  test('refuses a date outside the cohort’s dates', async ({ client, route }) => {
    const { own } = await buildWorld()
    const late = own.cohort.endsOn.plus({ days: 1 }).toISODate()!

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { date: late }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    const format = (date: DateTime) => date.setLocale('fr').toFormat('d LLLL yyyy')
    response.assertValidationError(
      'date',
      `Choisissez une date entre le ${format(own.cohort.startsOn)} et le ${format(own.cohort.endsOn)} : ce sont les dates de la promotion.`
    )
  })

  test('refuses a trainer, a module or a company of another organisation', async ({
    client,
    route,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const otherCompany = await PartnerCompany.create({
      organizationId: other.organization.id,
      name: 'Ailleurs SA',
    })

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(
        sessionForm(own, {
          trainer_id: other.users.trainer.id,
          programme_module_id: other.module.id,
          partner_company_id: otherCompany.id,
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertValidationError(
      'trainer_id',
      'La valeur choisie pour « formateur » n’existe pas.'
    )
    response.assertValidationError(
      'programme_module_id',
      'La valeur choisie pour « module » n’existe pas.'
    )
    response.assertValidationError(
      'partner_company_id',
      'La valeur choisie pour « entreprise partenaire » n’existe pas.'
    )
    const session = await ClassSession.findOrFail(own.session.id)
    assert.equal(session.trainerId, own.users.trainer.id)
  })

  test('refuses a user of the organisation who is not a trainer', async ({ client, route }) => {
    const { own } = await buildWorld()

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { trainer_id: own.users.coordinator.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertValidationError(
      'trainer_id',
      'La valeur choisie pour « formateur » n’existe pas.'
    )
  })

  test('refuses a trainer clash, naming the other session', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const elsewhere = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: "Digit'Elles Rouen",
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 12,
      status: 'running',
    })
    const maths = await mathsModule(own)
    const date = nextWeek()
    await otherSession(own, { cohortId: elsewhere.id, programmeModuleId: maths.id })

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { date, start_time: '10:00', end_time: '11:00' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertValidationError(
      'trainer_id',
      `trainer alpha anime déjà « Remise à niveau maths » de Digit'Elles Rouen le ${frenchDay(date)} de 9 h à 12 h 30.`
    )
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isFalse(session.startsAt.equals(parisMoment(date, '10:00')))
  })

  test('refuses a room clash at the same site, naming the other session', async ({
    client,
    route,
  }) => {
    const { own } = await buildWorld()
    const date = nextWeek()
    await otherSession(own, { trainerId: null, room: 'Salle B12' })

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { date, room: 'salle b12', start_time: '12:00', end_time: '13:00' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertValidationError(
      'room',
      `La salle « Salle B12 » est déjà prise par « Numérique alpha » de Promotion alpha le ${frenchDay(date)} de 9 h à 12 h 30.`
    )
  })

  test('two groups of the same cohort share their trainer only with the box ticked', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    const date = nextWeek()
    await otherSession(own, { room: 'Salle 2' })
    const form = sessionForm(own, { date, room: 'Salle 1' })

    const refused = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(form)
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    refused.assertValidationError(
      'trainer_id',
      `trainer alpha anime déjà « Numérique alpha » de Promotion alpha le ${frenchDay(date)} de 9 h à 12 h 30. Si le formateur anime les deux groupes ensemble, cochez la case « Le formateur anime les deux groupes ensemble ».`
    )

    const allowed = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form({ ...form, allow_shared_trainer: '1' })
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    allowed.assertHeader('location', planning(own.cohort.id))
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isTrue(session.startsAt.equals(parisMoment(date, '09:00')))
  })

  test('another organisation’s session is not found, and not changed', async ({
    client,
    route,
    assert,
  }) => {
    const { own, other } = await buildWorld()

    const response = await client
      .post(route('coordinator.sessions.update', { id: other.session.id }))
      .form(sessionForm(other))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertStatus(404)
    const session = await ClassSession.findOrFail(other.session.id)
    assert.equal(session.startsAt.toMillis(), other.session.startsAt.toMillis())
  })
})

test.group('Sessions | telling the trainees', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a published session that changes is marked changed and each trainee gets an email', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)
    own.session.publishedAt = DateTime.now().minus({ days: 3 })
    await own.session.save()
    const date = nextWeek()

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own, { date, start_time: '13:30', end_time: '17:00', room: 'Salle 4' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertFlashMessage(
      'success',
      'La séance est enregistrée. Les stagiaires ont reçu un e-mail.'
    )
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isNotNull(session.changedAt)
    assert.isAbove(session.changedAt!.toMillis(), DateTime.now().minus({ minutes: 1 }).toMillis())

    const mail = await mailbox.latestTo(email)
    assert.isNotNull(mail, 'the trainee got an email')
    assert.equal(mail!.subject, 'Une séance de votre planning a changé')
    assert.include(mail!.text!, 'Bonjour Stagiaire alpha,')
    assert.include(mail!.text!, 'Votre séance « Numérique alpha » a changé.')
    assert.include(mail!.text!, `Quand : le ${frenchDay(date)} de 13 h 30 à 17 h.`)
    assert.include(mail!.text!, 'Où : Centre alpha, salle Salle 4.')
    assert.include(mail!.text!, 'Avec : trainer alpha.')
    assert.include(mail!.text!, 'Regardez votre planning')
    assert.include(mail!.text!, '/mon-planning')
    assert.include(mail!.html!, 'Voir mon planning')
  })

  test('only enrolled or active trainees are told', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)
    await own.cohort.related('enrollments').query().update({ status: 'dropped_out' })
    own.session.publishedAt = DateTime.now()
    await own.session.save()

    await client
      .post(route('coordinator.sessions.cancel', { id: own.session.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    assert.isNull(await mailbox.latestTo(email))
  })

  test('a session never published changes silently', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)

    const response = await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(sessionForm(own))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertFlashMessage('success', 'La séance est enregistrée.')
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isNull(session.changedAt)
    assert.isNull(await mailbox.latestTo(email))
  })

  test('a published session saved unchanged tells nobody', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)
    own.session.publishedAt = DateTime.now()
    await own.session.save()
    const start = own.session.startsAt.setZone('Europe/Paris')

    await client
      .post(route('coordinator.sessions.update', { id: own.session.id }))
      .form(
        sessionForm(own, {
          date: start.toISODate(),
          start_time: '09:00',
          end_time: '12:30',
          room: own.session.room,
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    const session = await ClassSession.findOrFail(own.session.id)
    assert.isNull(session.changedAt)
    assert.isNull(await mailbox.latestTo(email))
  })
})

test.group('Sessions | cancel and restore', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('cancels a session never published, silently', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)

    const response = await client
      .post(route('coordinator.sessions.cancel', { id: own.session.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertHeader('location', planning(own.cohort.id))
    response.assertFlashMessage('success', 'La séance est annulée.')
    const session = await ClassSession.findOrFail(own.session.id)
    assert.isTrue(session.isCancelled)
    assert.isNull(session.changedAt)
    assert.isNull(await mailbox.latestTo(email))
  })

  test('cancelling a published session tells the trainees', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    const email = await traineeAddress(own)
    own.session.publishedAt = DateTime.now().minus({ days: 1 })
    await own.session.save()

    await client
      .post(route('coordinator.sessions.cancel', { id: own.session.id }))
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)

    const session = await ClassSession.findOrFail(own.session.id)
    assert.isTrue(session.isCancelled)
    assert.isNotNull(session.changedAt)
    const mail = await mailbox.latestTo(email)
    assert.equal(mail?.subject, 'Une séance est annulée')
    const day = frenchDay(own.session.startsAt.setZone('Europe/Paris').toISODate()!)
    assert.include(
      mail!.text!,
      `Votre séance « Numérique alpha » du ${day} de 9 h à 12 h 30 est annulée.`
    )
    assert.include(mail!.text!, 'Ne venez pas à cette séance.')
  })

  test('the edit page of a cancelled session offers to restore it', async ({ client, route }) => {
    const { own } = await buildWorld()
    own.session.isCancelled = true
    await own.session.save()

    const response = await client
      .get(route('coordinator.sessions.edit', { id: own.session.id }))
      .loginAs(own.users.coordinator)

    response.assertTextIncludes('Rétablir la séance')
    response.assertTextIncludes('Annulée')
  })

  test('restores a cancelled session when its slot is still free', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.session.isCancelled = true
    await own.session.save()

    const response = await client
      .post(route('coordinator.sessions.restore', { id: own.session.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertHeader('location', planning(own.cohort.id))
    response.assertFlashMessage('success', 'La séance est rétablie.')
    const restored = await ClassSession.findOrFail(own.session.id)
    assert.isFalse(restored.isCancelled)
  })

  test('refuses to restore a session whose trainer was taken meanwhile', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    const cancelled = await otherSession(own, { isCancelled: true, room: null })
    await otherSession(own, { room: null })
    const date = cancelled.startsAt.setZone('Europe/Paris').toISODate()!

    const response = await client
      .post(route('coordinator.sessions.restore', { id: cancelled.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertStatus(302)
    response.assertValidationError(
      'trainer_id',
      `trainer alpha anime déjà « Numérique alpha » de Promotion alpha le ${frenchDay(date)} de 9 h à 12 h 30. Si le formateur anime les deux groupes ensemble, cochez la case « Le formateur anime les deux groupes ensemble ».`
    )
    const unchanged = await ClassSession.findOrFail(cancelled.id)
    assert.isTrue(unchanged.isCancelled)
  })

  test('another organisation’s session cannot be cancelled or restored', async ({
    client,
    route,
    assert,
  }) => {
    const { own, other } = await buildWorld()

    for (const name of ['coordinator.sessions.cancel', 'coordinator.sessions.restore']) {
      const response = await client
        .post(route(name, { id: other.session.id }))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)
      response.assertStatus(404)
    }
    const untouched = await ClassSession.findOrFail(other.session.id)
    assert.isFalse(untouched.isCancelled)
  })
})

test.group('Sessions | add', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the add page offers the cohort’s modules and trainers', async ({ client, route }) => {
    const { own } = await buildWorld()

    const response = await client
      .get(route('coordinator.sessions.create', { id: own.cohort.id }))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('<h1>Ajouter une séance</h1>')
    response.assertTextIncludes(own.module.title)
    response.assertTextIncludes(own.users.trainer.fullName)
  })

  test('adds a session to the cohort, unpublished when its schedule is not', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const email = await traineeAddress(own)
    const date = nextWeek(2)

    const response = await client
      .post(route('coordinator.sessions.store', { id: own.cohort.id }))
      .form(sessionForm(own, { date, start_time: '13:30', end_time: '17:00' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertHeader('location', planning(own.cohort.id))
    response.assertFlashMessage('success', 'La séance est ajoutée.')
    const added = await ClassSession.query()
      .where('cohort_id', own.cohort.id)
      .whereNot('id', own.session.id)
      .firstOrFail()
    assert.equal(added.organizationId, own.organization.id)
    assert.isTrue(added.startsAt.equals(parisMoment(date, '13:30')))
    assert.equal(added.trainerId, own.users.trainer.id)
    assert.isNull(added.publishedAt)
    assert.isNull(await mailbox.latestTo(email))
  })

  test('a session added to a published schedule is published and the trainees told', async ({
    client,
    route,
    assert,
  }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const email = await traineeAddress(own)
    own.session.publishedAt = DateTime.now()
    await own.session.save()

    await client
      .post(route('coordinator.sessions.store', { id: own.cohort.id }))
      .form(sessionForm(own))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    const added = await ClassSession.query()
      .where('cohort_id', own.cohort.id)
      .whereNot('id', own.session.id)
      .firstOrFail()
    assert.isNotNull(added.publishedAt)
    assert.isNotNull(added.changedAt)
    assert.include(
      (await mailbox.latestTo(email))!.text!,
      'Votre séance « Numérique alpha » a changé.'
    )
  })

  test('refuses a clash and bad times, adding nothing', async ({ client, route, assert }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    await otherSession(own, { room: null })

    const clash = await client
      .post(route('coordinator.sessions.store', { id: own.cohort.id }))
      .form(sessionForm(own, { room: 'Salle 7' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    clash.assertHasValidationError('trainer_id')

    const backwards = await client
      .post(route('coordinator.sessions.store', { id: own.cohort.id }))
      .form(sessionForm(own, { start_time: '17:00', end_time: '13:30' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    backwards.assertValidationError('end_time', 'L’heure de fin doit être après l’heure de début.')

    const count = await ClassSession.query().where('cohort_id', own.cohort.id).count('* as total')
    assert.equal(Number(count[0].$extras.total), 2)
  })

  test('refuses a trainer of another organisation', async ({ client, route }) => {
    const { own, other } = await buildWorld()

    const response = await client
      .post(route('coordinator.sessions.store', { id: own.cohort.id }))
      .form(sessionForm(own, { trainer_id: other.users.trainer.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertValidationError(
      'trainer_id',
      'La valeur choisie pour « formateur » n’existe pas.'
    )
  })

  test('another organisation’s cohort is not found', async ({ client, route, assert }) => {
    const { own, other } = await buildWorld()
    await removePastSession(own)
    await removePastSession(other)

    const page = await client
      .get(route('coordinator.sessions.create', { id: other.cohort.id }))
      .loginAs(own.users.coordinator)
    page.assertStatus(404)

    const response = await client
      .post(route('coordinator.sessions.store', { id: other.cohort.id }))
      .form(sessionForm(other))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertStatus(404)
    const count = await ClassSession.query().where('cohort_id', other.cohort.id).count('* as total')
    assert.equal(Number(count[0].$extras.total), 1)
  })

  test('an inactive trainer stays in the list, marked', async ({ client, route }) => {
    const { own } = await buildWorld()
    await User.create({
      organizationId: own.organization.id,
      fullName: 'Ancien Formateur',
      email: 'ancien@alpha.test',
      password: 'password-123',
      role: 'trainer',
      isActive: false,
    })

    const response = await client
      .get(route('coordinator.sessions.create', { id: own.cohort.id }))
      .loginAs(own.users.coordinator)

    response.assertTextIncludes('Ancien Formateur (compte désactivé)')
  })
})
