import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import { buildWorld } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'
import { mondayNineDaysAgo } from '#tests/functional/attendance/hours_helpers'
import { positions } from '#tests/functional/plannings/helpers'

const JUSTIFY =
  'Donnez votre justificatif (arrêt maladie, convocation…) à votre coordinatrice ou coordinateur dans les 48 heures.'

/**
 * The hand-computed cohort with today as its "now" (see
 * tests/unit/attendance/hand_computed_cohort.ts): S1…S8 past, S9 and S10
 * (7 h) to come.
 */
test.group('Mes présences (trainee)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('hours attended against planned, as a bar and in words; what is still needed', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const response = await client.get('/mes-presences').loginAs(world.aliceUser)
    response.assertStatus(200)
    const html = response.text()
    // 575 min out of 1470 = 39 %.
    assert.include(html, 'Vous avez suivi 9 h 35 sur 24 h 30 prévues, soit 39 %.')
    assert.match(html, /<meter id="meter-\d+" min="0" max="1470" value="575"/)
    assert.include(html, 'Heures suivies sur les heures prévues')
    // At most 575 + 210 + 420 = 1205 min, under ⌈0.8 × 1890⌉ = 1512.
    assert.include(
      html,
      'Même en venant à toutes les séances, vous ne pourrez pas atteindre le minimum de présence.'
    )
    assert.include(html, '3 h 30 de séances ne sont pas encore saisies.')
  })

  test('each absence and lateness, newest first, with its status and how to justify it', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const response = await client.get('/mes-presences').loginAs(world.aliceUser)
    const html = response.text()
    const day = (offset: number) => world.day(offset).setLocale('fr').toFormat('cccc d LLLL yyyy')
    positions(html, [
      day(8),
      'Absence à justifier',
      'Annoncée à l’avance',
      JUSTIFY,
      day(7),
      'Absence non justifiée',
      'Absence justifiée',
      day(2),
      'Départ 30 min avant la fin',
      day(0),
      'Arrivée en retard de 25 min',
    ]).reduce((previous, at) => {
      assert.isAbove(at, previous)
      return at
    }, -1)
    assert.include(html, 'de 13h30 à 17h00 : Numérique alpha')
    // Only the absence still to justify says how.
    assert.equal(html.split(JUSTIFY).length - 1, 1)
    // S2 S4 S6 S7 S8; S1 went well and is not listed.
    assert.equal(html.split('class="card attendance-incident"').length - 1, 5)
  })

  test('a trainee on track is told how many hours are still needed', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })
    const bruno = await User.create({
      organizationId: own.organization.id,
      fullName: 'Bruno Petit',
      email: 'bruno-petit@alpha.test',
      password: 'password-123',
      role: 'trainee',
    })
    world.trainees.bruno.userId = bruno.id
    await world.trainees.bruno.save()

    const response = await client.get('/mes-presences').loginAs(bruno)
    const html = response.text()
    // 570 of 630 min = 90 %; minimum ⌈0.8 × (630 + 420)⌉ = 840 min = 14 h,
    // still 270 min = 4 h 30.
    assert.include(html, 'Vous avez suivi 9 h 30 sur 10 h 30 prévues, soit 90 %.')
    assert.include(
      html,
      'Pour valider la formation, il faut au moins 14 h de présence. Il vous reste 4 h 30 à suivre.'
    )
    assert.include(html, 'Arrivée en retard de 1 h')
    assert.notInclude(html, JUSTIFY)
  })

  test('a trainee sees only their own numbers', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const aliceResponse = await client.get('/mes-presences').loginAs(world.aliceUser)
    const alice = aliceResponse.text()
    for (const name of ['Bruno', 'Petit', 'Chloé', 'Durand', own.trainee.fullName]) {
      assert.notInclude(alice, name)
    }

    // The world's trainee: only her own cohort (present at yesterday's
    // session, 3 h 30), nothing of Alice's.
    const mineResponse = await client.get('/mes-presences').loginAs(own.users.trainee)
    const mine = mineResponse.text()
    assert.include(mine, 'Vous avez suivi 3 h 30 sur')
    assert.notInclude(mine, '9 h 35')
    assert.notInclude(mine, 'Absence')

    // Another organisation's trainee: her own numbers only.
    const theirsResponse = await client.get('/mes-presences').loginAs(other.users.trainee)
    const theirs = theirsResponse.text()
    assert.include(theirs, 'Vous avez suivi 3 h 30 sur')
    assert.notInclude(theirs, '9 h 35')
  })

  test('a trainee without a training is told so; coordinators are refused', async ({ client }) => {
    const { own } = await buildWorld()
    const lone = await User.create({
      organizationId: own.organization.id,
      fullName: 'Sans Formation',
      email: 'sans-formation@alpha.test',
      password: 'password-123',
      role: 'trainee',
    })
    const response = await client.get('/mes-presences').loginAs(lone)
    response.assertStatus(200)
    response.assertTextIncludes('Vous n’avez pas encore de formation.')

    const refused = await client.get('/mes-presences').loginAs(own.users.coordinator)
    refused.assertStatus(403)
  })

  test('the trainee menu links to it', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client.get('/mes-presences').loginAs(own.users.trainee)
    response.assertTextIncludes('<a href="/mes-presences" aria-current="page">Mes présences</a>')
  })
})
