import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import RecordOutcome, { type OutcomeFacts } from '#actions/outcomes/record_outcome'
import { computeOutcomeRates } from '#actions/outcomes/compute_outcome_rates'
import { OUTCOME_DEFINITIONS } from '#services/outcome_definitions'
import { nowInParis } from '#services/sql_time'
import { buildWorld, type Side } from '#tests/helpers/world'

const today = () => nowInParis().startOf('day')

async function enrol(side: Side, lastName: string) {
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    firstName: 'Camille',
    lastName,
  })
  return Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
  })
}

/**
 * Exits a new trainee, then records the +6-month facts (none when null).
 */
async function exited(side: Side, name: string, m6: OutcomeFacts | null, reason = 'completed') {
  const enrollment = await enrol(side, name)
  const closing = await new CloseEnrollment().handle({
    enrollment,
    exitOn: today().minus({ days: 5 }),
    reason: reason as 'completed',
    certificationResult: null,
    situation: { situation: 'job_seeking' },
    source: 'declared',
    recordedBy: side.users.coordinator,
  })
  if (!closing.closed) throw new Error(closing.message)
  if (m6) {
    const recorded = await new RecordOutcome().handle({
      enrollment,
      checkpoint: 'm6',
      facts: { contractStartOn: today(), ...m6 },
      source: 'phone',
      recordedBy: side.users.coordinator,
    })
    if (!recorded.recorded) throw new Error(recorded.message)
  }
  return enrollment
}

/**
 * The world's trainee stays in training; six more leave, one unobserved.
 */
async function cohortWithOutcomes(side: Side) {
  await exited(side, 'Cdi', { situation: 'employed', contractType: 'cdi' })
  await exited(side, 'CddSix', { situation: 'employed', contractType: 'cdd', contractMonths: 6 })
  await exited(side, 'InterimCinq', {
    situation: 'employed',
    contractType: 'interim',
    contractMonths: 5,
  })
  await exited(side, 'Creation', { situation: 'employed', contractType: 'business_creation' })
  const training = await exited(side, 'Formation', { situation: 'training' }, 'other_training')
  await exited(side, 'Inconnu', null)
  // A second observation at +6 months replaces the first one in the rates.
  await new RecordOutcome().handle({
    enrollment: training,
    checkpoint: 'm6',
    facts: { situation: 'training' },
    source: 'tutor',
    recordedBy: null,
  })
}

test.group('Outcomes / rates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rates by funder definition name checkpoint, denominator and unknowns', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    await cohortWithOutcomes(own)
    const rate = (
      key: keyof typeof OUTCOME_DEFINITIONS,
      denominator: 'exits' | 'entrants' | 'completers'
    ) =>
      computeOutcomeRates({
        cohort: own.cohort,
        checkpoint: 'm6',
        definition: OUTCOME_DEFINITIONS[key],
        denominator,
      })

    const gen = await rate('gen_positive_exit', 'exits')
    // CDI, CDD, business creation, training: 4 of 6 exits; 1 never observed.
    assert.deepInclude(gen, { numerator: 4, total: 6, unknown: 1, percent: 67 })
    assert.equal(
      gen.sentence,
      'Sorties positives (GEN) à 6 mois : 4 sur 6 sortis (67\u00a0%), 1 situation inconnue'
    )
    const durable = await rate('ft_durable_employment', 'exits')
    assert.deepInclude(durable, { numerator: 3, total: 6, unknown: 1 })
    const entrants = await rate('employment', 'entrants')
    // The trainee still in training counts among entrants, as unknown.
    assert.deepInclude(entrants, { numerator: 4, total: 7, unknown: 2 })
    const completers = await rate('gen_positive_exit', 'completers')
    assert.deepInclude(completers, { numerator: 3, total: 5, unknown: 1 })
  })

  test('the coordinator sees the funder’s definitions on the cohort page', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.funder.outcomeDefinitions = ['gen_positive_exit', 'ft_durable_employment']
    await own.funder.save()
    await cohortWithOutcomes(own)

    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/resultats`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes(
      'Sorties positives (GEN) à 6 mois : 4 sur 6 sortis (67\u00a0%), 1 situation inconnue'
    )
    response.assertTextIncludes(
      'Emplois durables (France Travail) à 6 mois : 3 sur 6 sortis (50\u00a0%), 1 situation inconnue'
    )
    response.assertTextIncludes('En emploi (tous contrats) à 6 mois')
    assert.notInclude(response.text(), 'Accès à l’emploi (France Travail) à 6 mois')

    const overEntrants = await client
      .get(`/coordination/promotions/${own.cohort.id}/resultats?base=entrants`)
      .loginAs(own.users.coordinator)
    overEntrants.assertTextIncludes(
      'Sorties positives (GEN) à 6 mois : 4 sur 7 entrés (57\u00a0%), 2 situations inconnues'
    )

    const cohortPage = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    cohortPage.assertTextIncludes(`/coordination/promotions/${own.cohort.id}/resultats`)
  })

  test('another organisation’s cohort is not found', async ({ client }) => {
    const { own, other } = await buildWorld()
    const response = await client
      .get(`/coordination/promotions/${other.cohort.id}/resultats`)
      .loginAs(own.users.coordinator)
    response.assertStatus(404)
  })
})
