import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import { CONTRACT_TYPES, type ContractType } from '#enums/contract_type'
import { OUTCOME_SITUATIONS, type OutcomeSituation } from '#enums/outcome_situation'
import ComputeFunderIndicators from '#actions/funders/compute_funder_indicators'
import { loadCohortOutcomes, rateFrom } from '#actions/outcomes/compute_outcome_rates'
import { OUTCOME_DEFINITIONS, definitionsForFunders } from '#services/outcome_definitions'
import { buildWorld, type Side } from '#tests/helpers/world'

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })

async function exited(side: Side, name: string, exitOn: string | null) {
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    firstName: 'Camille',
    lastName: name,
  })
  return Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    status: exitOn ? 'completed' : 'active',
    startsOn: side.cohort.startsOn,
    exitOn: exitOn ? day(exitOn) : null,
    exitReason: exitOn ? 'completed' : null,
  })
}

async function observe(
  enrollment: Enrollment,
  checkpoint: (typeof OUTCOME_CHECKPOINTS)[number],
  observedOn: string,
  facts: {
    situation: OutcomeSituation
    contractType?: ContractType | null
    contractMonths?: number | null
    contractStartOn?: string | null
  }
) {
  await Outcome.create({
    organizationId: enrollment.organizationId,
    enrollmentId: enrollment.id,
    checkpoint,
    observedOn: day(observedOn),
    situation: facts.situation,
    contractType: facts.contractType ?? null,
    contractMonths: facts.contractMonths ?? null,
    contractStartOn: facts.contractStartOn ? day(facts.contractStartOn) : null,
    source: 'declared',
  })
}

test.group('Funder indicators over a period', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sum the portal’s rates over the funded cohorts, latest observation first', async ({
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const a = await exited(own, 'Alpha', '2025-08-31')
    const b = await exited(own, 'Bravo', '2026-03-31')
    const c = await exited(own, 'Charlie', '2026-01-15')
    await exited(own, 'Delta', null)
    // 31 August + 6 months is 28 February: a contract starting that day counts.
    await observe(a, 'm6', '2026-02-28', {
      situation: 'employed',
      contractType: 'cdd',
      contractMonths: 3,
      contractStartOn: '2026-02-28',
    })
    // An older observation is superseded by the later one.
    await observe(b, 'm3', '2026-06-01', { situation: 'job_seeking' })
    await observe(b, 'm3', '2026-06-30', {
      situation: 'employed',
      contractType: 'cdi',
      contractStartOn: '2026-06-15',
    })
    await observe(b, 'exit', '2026-03-31', { situation: 'training' })
    await observe(c, 'm3', '2026-04-15', { situation: 'employed', contractType: null })
    await observe(c, 'm6', '2026-07-15', {
      situation: 'employed',
      contractType: 'interim',
      contractMonths: 6,
      contractStartOn: '2026-08-01',
    })
    // Another organisation's cohort, funded by another funder: not counted.
    const foreign = await exited(other, 'Echo', '2026-01-31')
    await observe(foreign, 'm6', '2026-07-31', { situation: 'employed', contractType: 'cdi' })

    const funder = own.funder
    funder.outcomeDefinitions = null
    const indicators = await new ComputeFunderIndicators().handle({
      funder,
      from: own.cohort.startsOn,
      to: own.cohort.endsOn,
    })

    const data = await loadCohortOutcomes(own.cohort)
    assert.equal(indicators.cohorts, 1)
    assert.equal(indicators.entrants, data.enrollments.length)
    assert.equal(indicators.exits, data.enrollments.filter((e) => e.exitOn !== null).length)
    assert.equal(indicators.exits, 3)
    const definitions = definitionsForFunders([funder])
    assert.lengthOf(indicators.rates, definitions.length * OUTCOME_CHECKPOINTS.length)
    for (const rate of indicators.rates) {
      const expected = rateFrom(data, rate.checkpoint, rate.definition, 'exits')
      assert.deepEqual(
        [rate.numerator, rate.total, rate.unknown, rate.sentence],
        [expected.numerator, expected.total, expected.unknown, expected.sentence],
        `${rate.definition.key} at ${rate.checkpoint}`
      )
    }
    const access = indicators.rates.find(
      (rate) => rate.definition.key === 'ft_access_to_employment' && rate.checkpoint === 'm6'
    )!
    assert.equal(access.numerator, 1)
  })

  test('each definition’s SQL gives the verdict of its code, on every kind of fact', async ({
    assert,
  }) => {
    const dialect = db.connection().dialect.name
    const dateSql = (value: string | null) =>
      value === null ? 'null' : dialect === 'postgres' ? `date '${value}'` : `'${value}'`
    const text = (value: string | null) => (value === null ? 'null' : `'${value}'`)
    const grid: {
      situation: OutcomeSituation
      contractType: ContractType | null
      contractMonths: number | null
      contractStartOn: string | null
      exitOn: string | null
    }[] = []
    for (const situation of OUTCOME_SITUATIONS) {
      for (const contractType of [null, ...CONTRACT_TYPES]) {
        for (const contractMonths of [null, 0, 1, 5, 6, 12]) {
          for (const [exitOn, starts] of [
            [null, ['2026-01-10']],
            ['2025-08-31', [null, '2026-02-28', '2026-03-01']],
            ['2026-03-31', ['2026-09-30', '2026-10-01']],
          ] as const) {
            for (const contractStartOn of starts) {
              grid.push({ situation, contractType, contractMonths, contractStartOn, exitOn })
            }
          }
        }
      }
    }
    const columns = {
      situation: 'f.situation',
      contractType: 'f.contract_type',
      contractMonths: 'f.contract_months',
      contractStartOn: 'f.contract_start_on',
      exitOn: 'f.exit_on',
    }
    const keys = Object.keys(OUTCOME_DEFINITIONS) as (keyof typeof OUTCOME_DEFINITIONS)[]
    const values = grid
      .map(
        (row, index) =>
          `(${index}, ${text(row.situation)}, ${text(row.contractType)}, ${row.contractMonths ?? 'null'},
            ${dateSql(row.contractStartOn)}, ${dateSql(row.exitOn)})`
      )
      .join(', ')
    const factsSql = `select column1 as n, column2 as situation, column3 as contract_type,
      column4 as contract_months, column5 as contract_start_on, column6 as exit_on
      from (values ${values}) v`
    const result = await db.rawQuery(
      `select f.n, ${keys
        .map((key) => `${OUTCOME_DEFINITIONS[key].classifySql(columns, dialect)} as ${key}`)
        .join(', ')}
       from (${factsSql}) f order by f.n`
    )
    const rows: Record<string, unknown>[] = Array.isArray(result) ? result : result.rows
    assert.lengthOf(rows, grid.length)
    for (const row of rows) {
      const facts = grid[Number(row.n)]
      for (const key of keys) {
        const expected = OUTCOME_DEFINITIONS[key].classify(
          {
            situation: facts.situation,
            contractType: facts.contractType,
            contractMonths: facts.contractMonths,
            contractStartOn: facts.contractStartOn ? day(facts.contractStartOn) : null,
          },
          { exitOn: facts.exitOn ? day(facts.exitOn) : null }
        )
        assert.equal(row[key], expected, `${key} on ${JSON.stringify(facts)}`)
      }
    }
  })
})
