import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import Trainee from '#models/trainee'
import ProgrammeResult from '#models/programme_result'
import dispatcher from '#services/dispatcher'
import RefreshProgrammeResultsJob from '#jobs/refresh_programme_results_job'
import ComputeProgrammeResults from '#actions/reports/compute_programme_results'
import { PARIS } from '#services/sql_time'
import { buildWorld, type Side } from '#tests/helpers/world'

/**
 * A completed cohort of the side's programme, 5 Jan – 30 Apr 2026: 4
 * entrants, 3 completed, 1 dropped out for health; at 6 months 2 are
 * employed, 1 is job seeking and 1 was never reached.
 */
async function completedCohort(side: Side) {
  const cohort = await Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    name: 'Promotion hiver 2026',
    startsOn: DateTime.fromISO('2026-01-05'),
    endsOn: DateTime.fromISO('2026-04-30'),
    capacity: 12,
    status: 'completed',
  })
  const people = [
    { name: 'Alice', status: 'completed', reason: 'completed', m6: 'employed' },
    { name: 'Bruno', status: 'completed', reason: 'completed', m6: 'employed' },
    { name: 'Chloé', status: 'completed', reason: 'completed', m6: 'job_seeking' },
    { name: 'David', status: 'dropped_out', reason: 'health', m6: null },
  ] as const
  for (const person of people) {
    const trainee = await Trainee.create({
      organizationId: side.organization.id,
      firstName: person.name,
      lastName: 'Martin',
    })
    const exitOn = person.status === 'completed' ? cohort.endsOn : DateTime.fromISO('2026-02-20')
    const enrollment = await Enrollment.create({
      organizationId: side.organization.id,
      cohortId: cohort.id,
      traineeId: trainee.id,
      status: person.status,
      startsOn: cohort.startsOn,
      exitOn,
      exitReason: person.reason,
    })
    if (person.m6) {
      await Outcome.create({
        organizationId: side.organization.id,
        enrollmentId: enrollment.id,
        checkpoint: 'm6',
        observedOn: exitOn.plus({ months: 6 }),
        situation: person.m6,
        contractType: person.m6 === 'employed' ? 'cdi' : null,
        source: 'phone',
      })
    }
  }
  return cohort
}

const resultsUrl = (side: Side) => `/resultats/${side.organization.slug}/${side.programme.slug}`

test.group('Qualiopi indicator 2: public results per programme', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page shows rates with their volumes, causes and the date, without an account', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await completedCohort(own)
    const result = await new ComputeProgrammeResults().handle(
      own.programme,
      DateTime.fromISO('2026-11-26T10:00:00', { zone: PARIS })
    )
    // The world's running cohort (1 trainee) is not counted.
    assert.equal(result.figures.entrants, 4)

    const response = await client.get(resultsUrl(own))
    response.assertStatus(200)
    response.assertTextIncludes(
      'Résultats au 26 novembre 2026, sur 1 promotion terminée entre le 5 janvier 2026 et le 30 avril 2026, 4 stagiaires.'
    )
    response.assertTextIncludes('75\u00a0%')
    response.assertTextIncludes('3 sur 4 stagiaires')
    response.assertTextIncludes('25\u00a0%')
    response.assertTextIncludes('1 sur 4 stagiaires')
    response.assertTextIncludes('Santé : 1 personne')
    response.assertTextIncludes('50\u00a0%')
    response.assertTextIncludes('2 sur 4 personnes sorties, 1 situation inconnue')
    response.assertTextIncludes('Non collectée')
  })

  test('before any completed cohort the page says there are no results yet', async ({ client }) => {
    const { own } = await buildWorld()
    await new ComputeProgrammeResults().handle(own.programme)
    const response = await client.get(resultsUrl(own))
    response.assertStatus(200)
    response.assertTextIncludes(
      'Pas encore de résultats : la première promotion n’est pas terminée.'
    )
    // Never refreshed at all: the same sentence.
    await ProgrammeResult.query().delete()
    const again = await client.get(resultsUrl(own))
    again.assertTextIncludes('Pas encore de résultats : la première promotion n’est pas terminée.')
  })

  test('the refresh job recomputes the snapshot from the data', async ({ assert, client }) => {
    const { own, other } = await buildWorld()
    await new ComputeProgrammeResults().handle(own.programme)
    const before = await ProgrammeResult.findByOrFail('programme_id', own.programme.id)
    assert.equal(before.figures.cohortCount, 0)

    await completedCohort(own)
    // The other organisation's running cohort ends: its one trainee then counts there.
    await Cohort.query().where('id', other.cohort.id).update({ status: 'completed' })
    const result = await dispatcher.dispatch(RefreshProgrammeResultsJob, {})
    assert.isFalse(result.driver === 'sync' && result.status === 'failed')

    const after = await ProgrammeResult.findByOrFail('programme_id', own.programme.id)
    assert.equal(after.figures.cohortCount, 1)
    assert.equal(after.figures.entrants, 4)
    assert.equal(after.figures.completionPercent, 75)
    assert.deepEqual(after.figures.employment, {
      rule: after.figures.employment.rule,
      numerator: 2,
      total: 4,
      unknown: 1,
      percent: 50,
    })
    const otherResult = await ProgrammeResult.findByOrFail('programme_id', other.programme.id)
    assert.equal(otherResult.figures.entrants, 1)
    assert.equal(otherResult.organizationId, other.organization.id)

    const today = DateTime.now().setZone(PARIS).setLocale('fr').toFormat('d LLLL yyyy')
    const response = await client.get(resultsUrl(own))
    response.assertTextIncludes(`Résultats au ${today}, sur 1 promotion terminée`)
  })

  test('the coordinator updates the results from the programme page', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await completedCohort(own)
    const page = await client
      .get(`/coordination/programmes/${own.programme.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Mettre à jour')

    const response = await client
      .post(`/coordination/programmes/${own.programme.id}/resultats/mise-a-jour`)
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertStatus(302)
    const result = await ProgrammeResult.findByOrFail('programme_id', own.programme.id)
    assert.equal(result.figures.entrants, 4)

    const link = await client
      .get(`/coordination/programmes/${own.programme.id}/resultats`)
      .loginAs(own.users.coordinator)
      .redirects(0)
    link.assertStatus(302)
    assert.equal(link.header('location'), resultsUrl(own))
  })

  test('an unknown organisation or programme gives 404', async ({ client }) => {
    const { own } = await buildWorld()
    const unknownProgramme = await client.get(`/resultats/${own.organization.slug}/inconnu`)
    unknownProgramme.assertStatus(404)
    const unknownOrganization = await client.get(`/resultats/inconnu/${own.programme.slug}`)
    unknownOrganization.assertStatus(404)
  })

  test("another organisation's programme cannot be refreshed", async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const response = await client
      .post(`/coordination/programmes/${other.programme.id}/resultats/mise-a-jour`)
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertStatus(404)
    assert.isNull(await ProgrammeResult.findBy('programme_id', other.programme.id))
  })
})
