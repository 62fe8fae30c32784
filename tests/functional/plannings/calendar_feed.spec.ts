import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ICAL from 'ical.js'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import { buildWorld, removePastSession } from '#tests/helpers/world'
import { appUrl } from '#config/app'
import { addSession, todayInParis } from '#tests/functional/plannings/helpers'

/**
 * The path of the person's feed, as shown on their calendar page.
 */
async function feedPathOf(client: ApiClient, user: User) {
  const page = await client.get('/mon-calendrier').loginAs(user)
  page.assertStatus(200)
  const match = page.text().match(/value="https?:\/\/[^/"]+(\/calendrier\/[\w-]{43}\.ics)"/)
  if (!match) throw new Error('no feed address on the calendar page')
  return match[1] as string
}

function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body))
  return { calendar, events: calendar.getAllSubcomponents('vevent') }
}

test.group('Calendar feeds', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a trainee's feed holds their sessions in Paris time, cancelled ones as CANCELLED", async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await removePastSession(own)
    await removePastSession(other)
    const today = todayInParis()
    await addSession(own, 'Module annulé', today.plus({ days: 3 }), { isCancelled: true })
    await addSession(own, 'Module dans six mois', today.plus({ months: 6 }))
    await addSession(own, 'Module il y a deux semaines', today.minus({ weeks: 2 }))
    await addSession(own, 'Module trop ancien', today.minus({ days: 40 }))
    await addSession(own, 'Module trop loin', today.plus({ months: 13 }))
    await addSession(other, 'Module de beta', today.plus({ days: 1 }))

    const path = await feedPathOf(client, own.users.trainee)
    const response = await client.get(path)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/calendar/)

    const { calendar, events } = parse(response.text())
    assert.lengthOf(events, 4)
    const titles = events.map((event) => String(event.getFirstPropertyValue('summary')))
    assert.sameMembers(titles, [
      'Numérique alpha',
      'Annulée : Module annulé',
      'Module dans six mois',
      'Module il y a deux semaines',
    ])
    assert.equal(
      calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'),
      'Europe/Paris'
    )

    const todays = events.find((e) => e.getFirstPropertyValue('summary') === 'Numérique alpha')!
    const start = todays.getFirstProperty('dtstart')!
    assert.equal(start.getParameter('tzid'), 'Europe/Paris')
    assert.equal(String(start.getFirstValue()), `${today.toISODate()}T09:00:00`)
    assert.equal(
      todays.getFirstPropertyValue('uid'),
      `session-${own.session.id}@${new URL(appUrl).hostname}`
    )
    assert.equal(todays.getFirstPropertyValue('location'), 'Centre alpha, Salle alpha')
    assert.equal(todays.getFirstPropertyValue('description'), 'Avec : trainer alpha')
    assert.equal(todays.getFirstPropertyValue('status'), 'CONFIRMED')

    const cancelled = events.find(
      (e) => e.getFirstPropertyValue('summary') === 'Annulée : Module annulé'
    )!
    assert.equal(cancelled.getFirstPropertyValue('status'), 'CANCELLED')
  })

  test("a trainer's feed holds the sessions they teach", async ({ client, assert }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    await addSession(own, 'Module sans ce formateur', todayInParis().plus({ days: 1 }), {
      trainerId: null,
    })
    const path = await feedPathOf(client, own.users.trainer)
    const feed = await client.get(path)
    const { events } = parse(feed.text())
    assert.deepEqual(
      events.map((event) => event.getFirstPropertyValue('summary')),
      ['Numérique alpha']
    )
  })

  test('the address stays the same until regenerated; the old one then answers 404', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const first = await feedPathOf(client, own.users.trainee)
    assert.equal(await feedPathOf(client, own.users.trainee), first)

    const regenerate = await client
      .post('/mon-calendrier/nouveau-lien')
      .withCsrfToken()
      .loginAs(own.users.trainee)
      .redirects(0)
    regenerate.assertStatus(302)
    assert.equal(regenerate.header('location'), '/mon-calendrier')

    const second = await feedPathOf(client, own.users.trainee)
    assert.notEqual(second, first)
    const oldFeed = await client.get(first)
    oldFeed.assertStatus(404)
    const newFeed = await client.get(second)
    newFeed.assertStatus(200)
  })

  test("another person's feed is never reachable", async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const mine = await feedPathOf(client, own.users.trainee)
    const theirs = await feedPathOf(client, other.users.trainee)
    assert.notEqual(mine, theirs)

    const myFeed = await client.get(mine)
    const mineBody = myFeed.text()
    assert.include(mineBody, 'Numérique alpha')
    assert.notInclude(mineBody, 'Numérique beta')

    for (const path of [
      '/calendrier/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      mine.replace(/.\.ics$/, (last) => (last[0] === 'A' ? 'B.ics' : 'A.ics')),
      mine.replace('.ics', ''),
      '/calendrier/.ics',
    ]) {
      const response = await client.get(path)
      assert.equal(response.status(), 404, path)
    }

    // a disabled account's feed stops
    await User.query().where('id', other.users.trainee.id).update({ isActive: false })
    const disabled = await client.get(theirs)
    disabled.assertStatus(404)
  })

  test('the calendar page is for trainees and trainers, with a way back', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const trainer = await client.get('/mon-calendrier').loginAs(own.users.trainer)
    assert.include(trainer.text(), 'href="/formateur/seances"')
    assert.include(trainer.text(), 'webcal://')
    const trainee = await client.get('/mon-calendrier').loginAs(own.users.trainee)
    assert.include(trainee.text(), 'href="/mon-planning"')
    const coordinator = await client.get('/mon-calendrier').loginAs(own.users.coordinator)
    coordinator.assertStatus(403)
  })
})
