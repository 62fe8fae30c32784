import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime, Settings } from 'luxon'
import pageCache from '#services/page_cache'
import ClassSession from '#models/class_session'
import User from '#models/user'
import { SessionUserWithVersionsProvider } from '#services/session_user_provider'
import { buildWorld } from '#tests/helpers/world'
import { addSession, todayInParis } from '#tests/functional/plannings/helpers'
import { rowKey } from '#actions/roll_calls/roll_call_rows'
import { rollCallBody, sessionAround } from '#tests/functional/attendance/roll_call_helpers'

/**
 * Repeat views served from memory (app/services/page_cache.ts): the same
 * page again while nothing it shows has changed, and never a page older
 * than its data.
 */
test.group('Page cache', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => pageCache.clear())

  const tomorrow = () => todayInParis().plus({ days: 1 })

  test('a second view of the planning is served from memory, the same page', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await addSession(own, 'Module en mémoire', tomorrow())

    const first = await client.get('/mon-planning').loginAs(own.users.trainee)
    const second = await client.get('/mon-planning').loginAs(own.users.trainee)
    first.assertStatus(200)
    second.assertStatus(200)
    assert.include(second.text(), 'Module en mémoire')
    assert.deepEqual(pageCache.stats, { hits: 1, misses: 1 })
    // The same page but for this response's CSRF token (the sign-out form).
    const token = /name='_csrf' value='([^']+)'/g
    assert.equal(
      second.text().replace(token, ''),
      first.text().replace(token, ''),
      'same page apart from the token'
    )
  })

  test('any write to the organisation shows at the next view, whatever wrote it', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await addSession(own, 'Module du jour', tomorrow())
    const view = async () => {
      const response = await client.get('/mon-planning').loginAs(own.users.trainee)
      return response.text()
    }

    assert.include(await view(), 'Module du jour')
    // Through a model…
    session.isCancelled = true
    await session.save()
    assert.include(await view(), 'Annulée')
    // …and through raw SQL, on a table the page reads through a join.
    await db.from('programme_modules').where('id', session.programmeModuleId!).update({
      title: 'Module renommé',
    })
    const html = await view()
    assert.include(html, 'Module renommé')
    assert.notInclude(html, 'Module du jour')
    assert.equal(pageCache.stats.hits, 0)
  })

  test('a write in another organisation keeps the page; the next minute does not', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await addSession(own, 'Module stable', tomorrow())
    const view = () => client.get('/mon-planning').loginAs(own.users.trainee)

    await view()
    await addSession(other, 'Module ailleurs', tomorrow())
    await view()
    assert.deepEqual(pageCache.stats, { hits: 1, misses: 1 })

    const inAMinute = DateTime.now().plus({ minutes: 1 }).toMillis()
    Settings.now = () => inAMinute
    try {
      await view()
    } finally {
      Settings.now = () => Date.now()
    }
    assert.deepEqual(pageCache.stats, { hits: 1, misses: 2 })
  })

  test('each person gets their own page; a renamed person sees their new name', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld({ peers: true })
    const peer = own.peers!.trainee.users.trainee
    await client.get('/mon-planning').loginAs(own.users.trainee)
    const peerPage = await client.get('/mon-planning').loginAs(peer)
    assert.include(peerPage.text(), peer.fullName)
    assert.notInclude(peerPage.text(), own.users.trainee.fullName)
    assert.equal(pageCache.stats.hits, 0)

    // Funder accounts belong to no organisation: their own row is part of the key.
    const funder = own.users.funder
    await client.get(`/financeur/promotions/${own.cohort.id}`).loginAs(funder)
    funder.fullName = 'Financeur renommé'
    await funder.save()
    const renamed = await client.get(`/financeur/promotions/${own.cohort.id}`).loginAs(funder)
    assert.include(renamed.text(), 'Financeur renommé')
    assert.equal(pageCache.stats.hits, 0)
  })

  test('the funder’s cohort page follows the cohort’s organisation', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const view = async () => {
      const response = await client
        .get(`/financeur/promotions/${own.cohort.id}`)
        .loginAs(own.users.funder)
      return response.text()
    }
    await view()
    await view()
    assert.equal(pageCache.stats.hits, 1)

    await db.from('cohorts').where('id', own.cohort.id).update({ name: 'Promotion renommée' })
    assert.include(await view(), 'Promotion renommée')
    assert.equal(pageCache.stats.hits, 1)

    // Shared data (funders) too.
    await db.from('funders').where('id', own.funder.id).update({ name: 'Région renommée' })
    await view()
    assert.equal(pageCache.stats.hits, 1)
  })

  test('a roll call saved shows at once, and the kept form still works', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const path = `/formateur/seances/${session.id}/appel`
    const first = await client.get(path).loginAs(own.users.trainer)
    const kept = await client.get(path).loginAs(own.users.trainer)
    assert.equal(pageCache.stats.hits, 1)

    // The kept page carries this response's CSRF token, not the first one's.
    const token = (page: string) => /name='_csrf' value='([^']+)'/.exec(page)?.[1]
    assert.isString(token(kept.text()))
    assert.notEqual(token(kept.text()), token(first.text()))
    const count = (page: string) => page.split(token(page)!).length
    assert.equal(count(kept.text()), count(first.text()), 'every token replaced')
    const saved = await client
      .post(path)
      .loginAs(own.users.trainer)
      .withCsrfToken()
      .form(rollCallBody({ [rowKey(own.enrollment.id)]: { status: 'present' } }))
      .redirects(0)
    saved.assertStatus(302)

    const after = await client.get(path).loginAs(own.users.trainer)
    const record = await db
      .from('attendance_records')
      .where('class_session_id', session.id)
      .where('enrollment_id', own.enrollment.id)
      .first()
    assert.equal(record?.status, 'present')
    assert.notEqual(after.text(), kept.text())
    assert.equal(pageCache.stats.hits, 1)
  })

  test('the audit trail written by a page view does not count as a change', async ({ assert }) => {
    const { own } = await buildWorld()
    const before = await pageCache.versions({ organizationId: own.organization.id })
    await db.table('audit_events').insert({
      organization_id: own.organization.id,
      action: 'trainee.rqth_read',
      subject_type: 'trainee',
      subject_id: own.trainee.id,
      created_at: new Date(),
    })
    assert.equal(await pageCache.versions({ organizationId: own.organization.id }), before)
    await ClassSession.query().where('id', own.session.id).update({ room: 'Salle 9' })
    assert.notEqual(await pageCache.versions({ organizationId: own.organization.id }), before)
  })

  test('the versions read with the signed-in person’s row are those of their organisation, kept current', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const provider = new SessionUserWithVersionsProvider({ model: () => import('#models/user') })
    const readWith = async () => {
      const found = await provider.findById(own.users.coordinator.id)
      return pageCache.versionsReadWith(found!.getOriginal())
    }

    const before = await readWith()
    // Versions are numbers (random ones on SQLite, possibly negative).
    assert.match(before!, new RegExp(`^global=-?\\d+,org:${own.organization.id}=-?\\d+$`))
    assert.equal(before, await pageCache.versions({ organizationId: own.organization.id }))
    await ClassSession.query().where('id', own.session.id).update({ room: 'Salle 9' })
    const after = await readWith()
    assert.notEqual(after, before)
    assert.equal(after, await pageCache.versions({ organizationId: own.organization.id }))
    // A row read otherwise carries no versions: the page cache asks for them.
    const plain = await User.findOrFail(own.users.coordinator.id)
    assert.isUndefined(pageCache.versionsReadWith(plain))
  })
})
