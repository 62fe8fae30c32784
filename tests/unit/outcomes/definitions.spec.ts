import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  OUTCOME_DEFINITIONS,
  definitionsForFunders,
  type ObservedFacts,
} from '#services/outcome_definitions'
import { rateFrom, type CohortOutcomes } from '#actions/outcomes/compute_outcome_rates'

const EXIT_ON = DateTime.fromISO('2026-03-31', { zone: 'utc' })
const context = { exitOn: EXIT_ON }

function employed(
  contractType: ObservedFacts['contractType'],
  contractMonths: number | null,
  startsOn = '2026-05-04'
): ObservedFacts {
  return {
    situation: 'employed',
    contractType,
    contractMonths,
    contractStartOn: DateTime.fromISO(startsOn, { zone: 'utc' }),
  }
}

function without(situation: ObservedFacts['situation']): ObservedFacts {
  return { situation, contractType: null, contractMonths: null, contractStartOn: null }
}

/**
 * The hand-built set: one observation per trainee at +6 months.
 */
const SET: Record<string, ObservedFacts> = {
  cdi: employed('cdi', null),
  cddSixMonths: employed('cdd', 6),
  cddTwoMonths: employed('cdd', 2),
  interimFiveMonths: employed('interim', 5),
  businessCreation: employed('business_creation', null),
  inTraining: without('training'),
  jobSeeking: without('job_seeking'),
  unknown: without('unknown'),
}

const classify = (key: keyof typeof OUTCOME_DEFINITIONS, facts: ObservedFacts) =>
  OUTCOME_DEFINITIONS[key].classify(facts, context)

test.group('Outcome definitions', () => {
  test('GEN positive exit: CDI, CDD, alternance, business creation, training', ({ assert }) => {
    assert.equal(classify('gen_positive_exit', SET.cdi), 'yes')
    assert.equal(classify('gen_positive_exit', SET.cddTwoMonths), 'yes')
    assert.equal(classify('gen_positive_exit', employed('apprenticeship', 24)), 'yes')
    assert.equal(classify('gen_positive_exit', SET.businessCreation), 'yes')
    assert.equal(classify('gen_positive_exit', SET.inTraining), 'yes')
    assert.equal(classify('gen_positive_exit', SET.interimFiveMonths), 'no')
    assert.equal(classify('gen_positive_exit', employed('civil_service', 8)), 'no')
    assert.equal(classify('gen_positive_exit', SET.jobSeeking), 'no')
    assert.equal(classify('gen_positive_exit', SET.unknown), 'unknown')
  })

  test('France Travail durable employment: 6 months is enough, 5 is not', ({ assert }) => {
    assert.equal(classify('ft_durable_employment', SET.cddSixMonths), 'yes')
    assert.equal(classify('ft_durable_employment', SET.interimFiveMonths), 'no')
    assert.equal(classify('ft_durable_employment', employed('interim', 6)), 'yes')
    assert.equal(classify('ft_durable_employment', SET.cddTwoMonths), 'no')
    assert.equal(classify('ft_durable_employment', SET.cdi), 'yes')
    assert.equal(classify('ft_durable_employment', SET.businessCreation), 'yes')
    assert.equal(classify('ft_durable_employment', SET.inTraining), 'no')
    assert.equal(classify('ft_durable_employment', SET.unknown), 'unknown')
    // A CDD whose length nobody knows cannot be called durable or not.
    assert.equal(classify('ft_durable_employment', employed('cdd', null)), 'unknown')
  })

  test('France Travail access to employment: a job of a month within 6 months', ({ assert }) => {
    assert.equal(classify('ft_access_to_employment', SET.interimFiveMonths), 'yes')
    assert.equal(classify('ft_access_to_employment', employed('cdd', 1, '2026-09-30')), 'yes')
    assert.equal(classify('ft_access_to_employment', employed('cdd', 3, '2026-10-01')), 'no')
    assert.equal(classify('ft_access_to_employment', SET.businessCreation), 'yes')
    assert.equal(classify('ft_access_to_employment', SET.inTraining), 'no')
    assert.equal(classify('ft_access_to_employment', SET.unknown), 'unknown')
    const noStart = { ...SET.cdi, contractStartOn: null }
    assert.equal(classify('ft_access_to_employment', noStart), 'unknown')
  })

  test('employment overall: any contract, training is not a job', ({ assert }) => {
    assert.equal(classify('employment', SET.interimFiveMonths), 'yes')
    assert.equal(classify('employment', SET.businessCreation), 'yes')
    assert.equal(classify('employment', SET.inTraining), 'no')
    assert.equal(classify('employment', SET.jobSeeking), 'no')
    assert.equal(classify('employment', SET.unknown), 'unknown')
  })

  test('rates name their checkpoint, denominator and unknowns', ({ assert }) => {
    // Eight exits with the set above, one exit never observed, and one
    // trainee still in training (an entrant, not an exit).
    const keys = Object.keys(SET)
    const data: CohortOutcomes = {
      enrollments: [
        ...keys.map((_key, index) => ({ id: index + 1, status: 'completed', exitOn: EXIT_ON })),
        { id: 100, status: 'dropped_out', exitOn: EXIT_ON },
        { id: 101, status: 'active', exitOn: null },
      ],
      latest: new Map(keys.map((key, index) => [`${index + 1}:m6`, SET[key]])),
    }

    const gen = rateFrom(data, 'm6', OUTCOME_DEFINITIONS.gen_positive_exit, 'exits')
    // CDI, both CDD, business creation, training = 5 of 9 exits; unknown: the
    // "unknown" situation and the exit never observed.
    assert.deepInclude(gen, { numerator: 5, total: 9, unknown: 2, percent: 56 })
    assert.equal(
      gen.sentence,
      'Sorties positives (GEN) à 6 mois : 5 sur 9 sortis (56\u00a0%), 2 situations inconnues'
    )

    const durable = rateFrom(data, 'm6', OUTCOME_DEFINITIONS.ft_durable_employment, 'entrants')
    // CDI, CDD of 6 months, business creation = 3 of 10 entrants.
    assert.deepInclude(durable, { numerator: 3, total: 10, unknown: 3, percent: 30 })
    assert.include(
      durable.sentence,
      'à 6 mois : 3 sur 10 entrés (30\u00a0%), 3 situations inconnues'
    )

    const completers = rateFrom(data, 'm6', OUTCOME_DEFINITIONS.employment, 'completers')
    assert.deepInclude(completers, { numerator: 5, total: 8, unknown: 1 })
    assert.include(completers.sentence, '1 situation inconnue')

    const atExit = rateFrom(data, 'exit', OUTCOME_DEFINITIONS.employment, 'exits')
    assert.deepInclude(atExit, { numerator: 0, total: 9, unknown: 9 })
  })

  test('a cohort uses its funders’ definitions, plus employment overall', ({ assert }) => {
    const keys = (funders: { outcomeDefinitions: string[] | null }[]) =>
      definitionsForFunders(funders).map((definition) => definition.key)
    assert.deepEqual(keys([{ outcomeDefinitions: ['ft_durable_employment', 'nonsense'] }]), [
      'ft_durable_employment',
      'employment',
    ])
    assert.deepEqual(keys([{ outcomeDefinitions: null }]), [
      'gen_positive_exit',
      'ft_durable_employment',
      'ft_access_to_employment',
      'employment',
    ])
  })
})
