import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import PartnerCompany from '#models/partner_company'
import { buildWorld } from '#tests/helpers/world'
import { dayAndMonth } from '#actions/calendars/session_line'
import BuildTraineePlanning from '#actions/calendars/build_trainee_planning'
import { addSession, positions, todayInParis } from '#tests/functional/plannings/helpers'

test.group('Mon planning (trainee)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('today first, then the rest of this week, then the next weeks under their headings', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const today = todayInParis()
    const nextMonday = today.startOf('week').plus({ weeks: 1 })
    const tomorrow = today.plus({ days: 1 })
    const hasRestOfWeek = tomorrow < nextMonday
    if (hasRestOfWeek) await addSession(own, 'Module demain', tomorrow)
    await addSession(own, 'Module semaine prochaine', nextMonday.plus({ days: 1 }))
    await addSession(own, 'Module dans deux semaines', nextMonday.plus({ weeks: 1 }))
    await addSession(own, 'Module trop loin', nextMonday.plus({ weeks: 8 }))
    await addSession(own, 'Module passé', today.minus({ days: 2 }))

    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    response.assertStatus(200)
    const html = response.text()

    const order = [
      'Aujourd’hui',
      'de 09h00 à 12h30',
      'Numérique alpha',
      'Cette semaine',
      ...(hasRestOfWeek ? ['Module demain'] : ['Pas d’autre formation cette semaine']),
      `Semaine du ${dayAndMonth(nextMonday)}`,
      'Module semaine prochaine',
      `Semaine du ${dayAndMonth(nextMonday.plus({ weeks: 1 }))}`,
      'Module dans deux semaines',
    ]
    const at = positions(html, order)
    assert.deepEqual(
      at,
      [...at].sort((a, b) => a - b),
      'sections and sessions in order'
    )
    assert.notInclude(html, 'Module trop loin')
    assert.notInclude(html, 'Module passé')
    assert.include(html, 'Où : Centre alpha, Salle alpha')
    assert.include(html, 'Avec : trainer alpha')
    assert.include(html, 'href="/mon-calendrier"')
  })

  test('a cancelled session says not to come; a session changed after publication is marked', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const later = todayInParis().startOf('week').plus({ weeks: 1, days: 2 })
    const published = DateTime.now().minus({ days: 3 })
    await addSession(own, 'Module annulé', later, { isCancelled: true })
    await addSession(own, 'Module déplacé', later.plus({ days: 1 }), {
      publishedAt: published,
      changedAt: published.plus({ days: 1 }),
    })
    await addSession(own, 'Module publié sans changement', later.plus({ days: 2 }), {
      publishedAt: published,
      changedAt: published.minus({ days: 1 }),
    })

    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    const html = response.text()
    const card = (title: string) => {
      const end = html.indexOf(title)
      return html.slice(html.lastIndexOf('<li', end), html.indexOf('</li>', end))
    }

    assert.include(card('Module annulé'), 'Annulée : ne venez pas')
    assert.include(card('Module annulé'), 'session--cancelled')
    assert.include(card('Module déplacé'), 'Modifiée')
    assert.include(card('Module déplacé'), 'Cette séance a changé')
    assert.notInclude(card('Module publié sans changement'), 'Modifiée')
    assert.notInclude(card('Numérique alpha'), 'Modifiée')
  })

  test("another organisation's sessions, and cohorts the trainee left, are never shown", async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const tomorrow = todayInParis().plus({ days: 1 })
    await addSession(other, 'Module de beta', tomorrow)

    const otherCohort = await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion quittée',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 10,
      status: 'running',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: otherCohort.id,
      traineeId: own.trainee.id,
      status: 'dropped_out',
      startsOn: own.cohort.startsOn,
    })
    await addSession({ ...own, cohort: otherCohort }, 'Module promotion quittée', tomorrow)

    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    response.assertStatus(200)
    assert.include(response.text(), 'Numérique alpha')
    assert.notInclude(response.text(), 'Numérique beta')
    assert.notInclude(response.text(), 'Module de beta')
    assert.notInclude(response.text(), 'Module promotion quittée')
  })

  test('an in-company session says where: the partner company', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const company = await PartnerCompany.create({
      organizationId: own.organization.id,
      name: 'Boulangerie Martin',
      city: 'Elbeuf',
    })
    await addSession(own, 'Stage en entreprise', todayInParis().plus({ days: 1 }), {
      partnerCompanyId: company.id,
      room: null,
    })
    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    assert.include(response.text(), 'Où : En entreprise : Boulangerie Martin, Elbeuf')
  })

  test('a trainee without any session is told so plainly', async ({ client }) => {
    const { own } = await buildWorld()
    await own.session.delete()
    const response = await client.get('/mon-planning').loginAs(own.users.trainee)
    response.assertStatus(200)
    response.assertTextIncludes('Vous n’avez pas de formation prévue')
  })

  test('the planning takes the same number of queries for 2 or 40 sessions', async ({ assert }) => {
    const { own } = await buildWorld()
    const monday = todayInParis().startOf('week').plus({ weeks: 1 })

    const count = async () => {
      let queries = 0
      const listener = () => queries++
      const knex = db.connection().getWriteClient()
      knex.on('query', listener)
      await new BuildTraineePlanning().handle({ user: own.users.trainee })
      knex.off('query', listener)
      return queries
    }

    await addSession(own, 'Module 1', monday)
    const few = await count()
    for (let i = 0; i < 38; i++) {
      await addSession(own, `Module x${i}`, monday.plus({ days: i % 20, hours: (i % 2) * 5 }))
    }
    const many = await count()
    assert.isAbove(few, 0)
    assert.equal(many, few)
  })
})
