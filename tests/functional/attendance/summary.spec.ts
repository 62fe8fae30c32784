import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld } from '#tests/helpers/world'
import { buildHandComputedCohort } from '#tests/unit/attendance/hand_computed_cohort'
import {
  cohortOfSize,
  countQueries,
  markWorldRollCallsDone,
  mondayNineDaysAgo,
} from '#tests/functional/attendance/hours_helpers'

function rowOf(html: string, enrollmentId: number) {
  const start = html.indexOf(`<tr id="enrollment-${enrollmentId}"`)
  if (start < 0) throw new Error(`no row for enrollment ${enrollmentId}`)
  return html.slice(start, html.indexOf('</tr>', start))
}

function cell(label: string, value: string) {
  return `data-label="${label}">${value}</td>`
}

/**
 * The figures below are those of tests/unit/attendance/compute_attendance
 * without the session in progress (S11): S1…S8 are past, S9 and S10
 * (2 × 3 h 30) to come.
 */
test.group('Présences de la promotion (coordinator)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('hours and rates per trainee, cohort totals, in hours and words', async ({ client }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const response = await client
      .get(`/coordination/promotions/${world.cohort.id}/presences`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('Présences de la promotion')
    const html = response.text()
    const { assert } = response

    // Alice: 7 past sessions = 24 h 30; attended 575 min = 9 h 35, 39 %;
    // minimum ⌈0.8 × (1470 + 420)⌉ = 1512 min = 25 h 12, still 15 h 37 to
    // attend while at most 3 h 30 (S5, not recorded) + 7 h are possible.
    const alice = rowOf(html, world.enrollments.alice.id)
    assert!.include(alice, 'Alice Martin')
    assert!.include(alice, cell('Prévues à ce jour', '24 h 30'))
    assert!.include(alice, cell('Suivies', '9 h 35'))
    assert!.include(alice, cell('Retards et départs', '0 h 55'))
    assert!.include(alice, cell('Absences justifiées', '3 h 30'))
    assert!.match(
      alice,
      /data-label="Absences non justifiées">\s*<span>\s*7 h\s*<br><span class="small">2 demi-journées<\/span>/
    )
    assert!.include(alice, cell('Non saisies', '3 h 30'))
    assert!.include(alice, '<strong>39 %</strong>')
    assert!.include(alice, 'Sous le minimum de 80 %')
    assert!.include(alice, '25 h 12 à atteindre.')
    assert!.include(alice, 'Encore 15 h 37 à suivre, 10 h 30 encore possibles.')
    assert!.include(alice, 'Minimum hors d’atteinte')

    // Bruno, from Monday of week 2: 10 h 30 planned, 9 h 30 attended, 90 %.
    const bruno = rowOf(html, world.enrollments.bruno.id)
    assert!.include(bruno, cell('Prévues à ce jour', '10 h 30'))
    assert!.include(bruno, cell('Suivies', '9 h 30'))
    assert!.include(bruno, cell('Retards et départs', '1 h'))
    assert!.include(bruno, '<strong>90 %</strong>')
    assert!.include(bruno, 'Au niveau attendu (minimum 80 %)')
    assert!.include(bruno, `Entrée le ${world.day(7).setLocale('fr').toFormat('d LLLL yyyy')}`)
    assert!.notInclude(bruno, 'hors d’atteinte')

    // Chloé left on Wednesday of week 1: 10 h 30 planned, 7 h attended.
    const chloe = rowOf(html, world.enrollments.chloe.id)
    assert!.include(chloe, cell('Prévues à ce jour', '10 h 30'))
    assert!.include(chloe, cell('Suivies', '7 h'))
    assert!.include(chloe, '<strong>66 %</strong>')
    assert!.include(chloe, `Sortie le ${world.day(2).setLocale('fr').toFormat('d LLLL yyyy')}`)

    // The cohort: 2730 min planned = 45 h 30, 1565 attended = 26 h 05, 57 %.
    const footer = html.slice(html.indexOf('<tfoot>'), html.indexOf('</tfoot>'))
    assert!.include(footer, cell('Prévues à ce jour', '45 h 30'))
    assert!.include(footer, cell('Suivies', '26 h 05'))
    assert!.include(footer, '<strong>57 %</strong>')
  })

  test('lists the past sessions whose roll call is missing, with a link to each', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const response = await client
      .get(`/coordination/promotions/${world.cohort.id}/presences`)
      .loginAs(own.users.coordinator)
    const html = response.text()
    const section = html.slice(html.indexOf('id="missing-roll-calls"'))
    const { assert } = response
    assert!.include(section, '1 séance passée n’a pas d’appel enregistré.')
    assert!.include(section, 'de 13h30 à 17h00')
    assert!.include(section, 'Après-midi')
    assert!.include(section, 'Numérique alpha')
    assert!.include(section, 'trainer alpha')
    assert!.include(section, `href="/coordination/seances/${world.sessions.s5.id}/appel"`)
    // Cancelled (S3) and future sessions (S9) are not missing roll calls.
    assert!.notInclude(section, `/coordination/seances/${world.sessions.s3.id}/`)
    assert!.notInclude(section, `/coordination/seances/${world.sessions.s9.id}/`)
  })

  test('the cohort page links to it; the dashboard counts missing roll calls', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    await markWorldRollCallsDone(own)
    const world = await buildHandComputedCohort(own, { monday: mondayNineDaysAgo() })

    const cohortPage = await client
      .get(`/coordination/promotions/${world.cohort.id}`)
      .loginAs(own.users.coordinator)
    cohortPage.assertTextIncludes(`href="/coordination/promotions/${world.cohort.id}/presences"`)

    const dashboard = await client.get('/coordination').loginAs(own.users.coordinator)
    dashboard.assertStatus(200)
    const html = dashboard.text()
    const section = html.slice(html.indexOf('id="attendance-alerts"'))
    dashboard.assert!.match(
      section,
      /<p class="stat__value">1<\/p>\s*<p class="stat__label">\s*Appels manquants/
    )
  })

  test('another organisation’s cohort is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const response = await client
      .get(`/coordination/promotions/${other.cohort.id}/presences`)
      .loginAs(own.users.coordinator)
    response.assertStatus(404)
    assert.notInclude(response.text(), other.trainee.fullName)
  })

  test('a trainer or a trainee may not see it', async ({ client }) => {
    const { own } = await buildWorld()
    for (const role of ['trainer', 'trainee'] as const) {
      const response = await client
        .get(`/coordination/promotions/${own.cohort.id}/presences`)
        .loginAs(own.users[role])
      response.assertStatus(403)
    }
  })

  test('the same number of SQL queries for 2 and for 10 trainees', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const small = await cohortOfSize(own, 2)
    const large = await cohortOfSize(own, 10)

    const visit = (cohortId: number) => async () => {
      const response = await client
        .get(`/coordination/promotions/${cohortId}/presences`)
        .loginAs(own.users.coordinator)
      response.assertStatus(200)
      return response
    }
    const forSmall = await countQueries(visit(small.id))
    const forLarge = await countQueries(visit(large.id))
    assert.isAbove(forSmall, 0)
    assert.equal(forLarge, forSmall)

    // And both pages show every trainee with the same figures: 3 sessions
    // attended out of 4 recorded, one late 15 min, plus one not recorded.
    const page = await visit(large.id)()
    assert.equal(page.text().split('data-label="Suivies">10 h 15</td>').length - 1, 10)
  })
})
