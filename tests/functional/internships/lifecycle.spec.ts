import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import { buildWorld } from '#tests/helpers/world'
import {
  dayFromToday,
  internshipForm,
  internshipModule,
  internshipsOf,
  expectText,
} from '#tests/functional/internships/helpers'

const createUrl = (enrollmentId: number) => `/coordination/inscriptions/${enrollmentId}/stages`
const showUrl = (id: number) => `/coordination/stages/${id}`
const moveUrl = (id: number) => `/coordination/stages/${id}/statut`

test.group('Internships | create and edit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates a draft internship and lists it on the cohort page', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await internshipModule(own, 140)
    const response = await client
      .post(createUrl(own.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own))
      .redirects(0)

    const [, created] = await internshipsOf(own)
    response.assertStatus(302)
    response.assertHeader('location', showUrl(created.id))
    assert.equal(created.status, 'draft')
    assert.equal(created.kind, 'stage')
    assert.equal(created.partnerCompanyId, own.company.id)
    assert.equal(created.tutorContactId, own.contact.id)
    assert.equal(created.startsOn.toISODate(), dayFromToday(21))
    assert.equal(created.endsOn.toISODate(), dayFromToday(25))
    assert.equal(created.hoursTotal, 35)
    assert.equal(created.weeklyHours, 35)
    assert.equal(created.tasks, 'Mise en rayon, accueil des clients')

    const page = await client.get(showUrl(created.id)).loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Entreprise alpha')
    page.assertTextIncludes('Tutrice alpha')
    page.assertTextIncludes('Brouillon')

    // A second trainee without any internship comes first, counted.
    const trainee = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Zoé',
      lastName: 'Sansstage',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: trainee.id,
      status: 'active',
      startsOn: own.cohort.startsOn,
    })
    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/stages`)
      .loginAs(own.users.coordinator)
    list.assertStatus(200)
    list.assertTextIncludes('Sans stage (1)')
    list.assertTextIncludes('le programme prévoit 140 h de stage')
    list.assertTextIncludes('Total : 70 h')
    list.assertTextIncludes('(il manque 70 h)')
    const text = list.text()
    assert.isBelow(text.indexOf('SANSSTAGE Zoé'), text.indexOf('ALPHA Stagiaire'))
  })

  test('refuses a last day before the first, with nothing written', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(createUrl(own.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own, { starts_on: dayFromToday(25), ends_on: dayFromToday(21) }))

    response.assertTextIncludes('Le dernier jour doit être le premier jour ou après.')
    response.assertTextIncludes('aria-invalid="true"')
    assert.lengthOf(await internshipsOf(own), 1)
  })

  test('refuses a PMSMP longer than one month, and one without prescriber', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    // One month from three weeks ahead: the last day allowed is the day before the same date next month.
    const start = DateTime.fromISO(dayFromToday(21))
    const lastDay = start.plus({ months: 1 }).minus({ days: 1 })
    const tooLong = await client
      .post(createUrl(own.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        internshipForm(own, {
          kind: 'pmsmp',
          prescriber: 'France Travail Rouen',
          starts_on: start.toISODate(),
          ends_on: start.plus({ months: 1 }).toISODate(),
          hours_total: '100',
        })
      )
    tooLong.assertTextIncludes(
      `Une PMSMP dure au plus un mois par convention : dernier jour possible le ${lastDay.toFormat('dd/MM/yyyy')}.`
    )

    const noPrescriber = await client
      .post(createUrl(own.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own, { kind: 'pmsmp' }))
    noPrescriber.assertTextIncludes('Indiquez qui prescrit la PMSMP')
    assert.lengthOf(await internshipsOf(own), 1)

    const exactMonth = await client
      .post(createUrl(own.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(
        internshipForm(own, {
          kind: 'pmsmp',
          prescriber: 'France Travail Rouen',
          starts_on: start.toISODate(),
          ends_on: lastDay.toISODate(),
          hours_total: '100',
        })
      )
      .redirects(0)
    exactMonth.assertStatus(302)
    const [, pmsmp] = await internshipsOf(own)
    assert.equal(pmsmp.kind, 'pmsmp')
    assert.equal(pmsmp.prescriber, 'France Travail Rouen')
  })

  test('refuses hours beyond the legal week, the weeks, the programme and the enrollment', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await internshipModule(own, 70)
    const post = (overrides: Record<string, unknown>) =>
      client
        .post(createUrl(own.enrollment.id))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form(internshipForm(own, overrides))

    await expectText(
      post({ weekly_hours: '39' }),
      'Au plus 35 h par semaine : la durée légale du travail s’applique aussi en stage.'
    )
    await expectText(
      post({ hours_total: '40' }),
      'Au plus 35 h de présence sur 1 semaine à 35 h par semaine.'
    )
    await expectText(
      post({ starts_on: dayFromToday(21), ends_on: dayFromToday(32), hours_total: '50' }),
      'Le programme prévoit 70 h de stage : 35 h sont déjà prévues pour ce ou cette stagiaire, il en reste 35 h.'
    )
    await expectText(
      post({ starts_on: dayFromToday(-30) }),
      'Le stage doit avoir lieu pendant la formation, qui commence le'
    )
    await expectText(
      post({ partner_company_id: 999999 }),
      'Choisissez une entreprise de votre annuaire.'
    )
    assert.lengthOf(await internshipsOf(own), 1)
  })

  test('edits a draft, but not a signed internship', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(showUrl(own.internship.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own, { hours_total: '30', weekly_hours: '30' }))
      .redirects(0)
    response.assertHeader('location', showUrl(own.internship.id))
    await own.internship.refresh()
    assert.equal(own.internship.hoursTotal, 30)

    own.internship.status = 'signed'
    await own.internship.save()
    const locked = await client
      .post(showUrl(own.internship.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own, { hours_total: '20' }))
    locked.assertTextIncludes('La convention est signée : ce stage ne se modifie plus.')
    await own.internship.refresh()
    assert.equal(own.internship.hoursTotal, 30)
  })

  test('another organisation’s enrollment and internship are not found', async ({ client }) => {
    const { own, other } = await buildWorld()
    const create = await client
      .post(createUrl(other.enrollment.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(internshipForm(own))
    create.assertStatus(404)
    const page = await client.get(showUrl(other.internship.id)).loginAs(own.users.admin)
    page.assertStatus(404)
    const pdf = await client
      .get(`/coordination/stages/${other.internship.id}/convention.pdf`)
      .loginAs(own.users.coordinator)
    pdf.assertStatus(404)
  })
})

test.group('Internships | status moves', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('moves step by step, each move keeping its day', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const move = (body: Record<string, unknown>) =>
      client
        .post(moveUrl(own.internship.id))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form(body)

    await expectText(
      move({ status: 'agreement_sent', on: dayFromToday(-3) }),
      'Le stage est maintenant « Convention envoyée ».'
    )
    await move({ status: 'signed', on: dayFromToday(-1) })
    await move({ status: 'ongoing' })
    const done = await move({ status: 'completed' })
    done.assertTextIncludes('Le stage est maintenant « Terminé ».')
    done.assertTextIncludes('son statut ne change plus')

    await own.internship.refresh()
    assert.equal(own.internship.status, 'completed')
    assert.equal(own.internship.agreementSentOn!.toISODate(), dayFromToday(-3))
    assert.equal(own.internship.signedOn!.toISODate(), dayFromToday(-1))
    assert.equal(own.internship.startedOn!.toISODate(), dayFromToday(0))
    assert.equal(own.internship.completedOn!.toISODate(), dayFromToday(0))
    assert.isNull(own.internship.cancelledOn)
  })

  test('refuses a skipped step, a future day, a day before the last step and a cancellation without reason', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const move = (body: Record<string, unknown>) =>
      client
        .post(moveUrl(own.internship.id))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form(body)

    await expectText(
      move({ status: 'ongoing' }),
      'Un stage « Brouillon » ne peut pas passer à « En cours ».'
    )
    await expectText(
      move({ status: 'agreement_sent', on: dayFromToday(2) }),
      'La date ne peut pas être dans le futur.'
    )
    await own.internship.refresh()
    assert.equal(own.internship.status, 'draft')
    assert.isNull(own.internship.agreementSentOn)

    await move({ status: 'agreement_sent', on: dayFromToday(-2) })
    await expectText(
      move({ status: 'signed', on: dayFromToday(-5) }),
      'La date ne peut pas être avant l’étape précédente'
    )
    await expectText(move({ status: 'cancelled' }), 'Indiquez pourquoi le stage est annulé.')
    await own.internship.refresh()
    assert.equal(own.internship.status, 'agreement_sent')

    await move({ status: 'cancelled', cancel_reason: 'L’entreprise a fermé' })
    await own.internship.refresh()
    assert.equal(own.internship.status, 'cancelled')
    assert.equal(own.internship.cancelledOn!.toISODate(), dayFromToday(0))
    assert.equal(own.internship.cancelReason, 'L’entreprise a fermé')
    await expectText(
      move({ status: 'signed' }),
      'Un stage « Annulé » ne peut pas passer à « Convention signée ».'
    )

    // A cancelled internship no longer counts: the trainee is "sans stage" again.
    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/stages`)
      .loginAs(own.users.coordinator)
    list.assertTextIncludes('Sans stage (1)')
  })
})
