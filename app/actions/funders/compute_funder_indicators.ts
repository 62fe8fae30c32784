import { rawRows } from '#services/sql_text'
import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Funder from '#models/funder'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import {
  rateSentence,
  type Denominator,
  type OutcomeRate,
} from '#actions/outcomes/compute_outcome_rates'
import { definitionsForFunders } from '#services/outcome_definitions'

/*
|--------------------------------------------------------------------------
| A funder's indicators over a period (e.g. a civil year)
|--------------------------------------------------------------------------
|
| What the funder portal shows per cohort, summed over every cohort the
| funder finances that runs at some point of the period, across
| organisations (the cohorts of the outcome spreadsheet's scope):
| entrants, completions, dropouts, exits, and each of the funder's outcome
| definitions at each checkpoint over the exits, with unknowns — the same
| figures as `rateFrom` over the same people, in SQL: the latest
| observation of each person at each checkpoint (newest day, then newest
| row) classified by each definition's `classifySql`. Three queries
| whatever the number of cohorts and people.
|
*/

export type FunderIndicators = {
  cohorts: number
  entrants: number
  completed: number
  dropouts: number
  inTraining: number
  exits: number
  rates: OutcomeRate[]
}

const DENOMINATOR: Denominator = 'exits'

export default class ComputeFunderIndicators {
  async handle(input: { funder: Funder; from: DateTime; to: DateTime }): Promise<FunderIndicators> {
    const dialect = db.connection().dialect.name
    const scope = `select c.id from cohorts c join cohort_funders cf on cf.cohort_id = c.id
      where cf.funder_id = ? and c.starts_on <= ? and c.ends_on >= ?`
    const scopeBindings = [input.funder.id, input.to.toISODate()!, input.from.toISODate()!]

    const [{ total: cohorts }] = await db
      .rawQuery(`select count(*) as total from (${scope}) s`, scopeBindings)
      .then((result) => rawRows<Record<string, any>>(result))
    const [counts] = await db
      .rawQuery(
        `select count(*) as entrants,
           sum(case when status = 'completed' then 1 else 0 end) as completed,
           sum(case when status = 'dropped_out' then 1 else 0 end) as dropouts,
           sum(case when exit_on is not null then 1 else 0 end) as exits
         from enrollments where cohort_id in (${scope})`,
        scopeBindings
      )
      .then((result) => rawRows<Record<string, any>>(result))

    const definitions = definitionsForFunders([input.funder])
    const columns = {
      situation: 'l.situation',
      contractType: 'l.contract_type',
      contractMonths: 'l.contract_months',
      contractStartOn: 'l.contract_start_on',
      exitOn: 'e.exit_on',
    }
    const verdict = (index: number) =>
      `(case when l.situation is null then 'unknown' else ${definitions[index].classifySql(columns, dialect)} end)`
    const tallies = definitions
      .map(
        (_, index) =>
          `sum(case when ${verdict(index)} = 'yes' then 1 else 0 end) as yes_${index},
           sum(case when ${verdict(index)} = 'unknown' then 1 else 0 end) as unknown_${index}`
      )
      .join(',\n')
    const checkpoints = OUTCOME_CHECKPOINTS.map(
      (checkpoint) => `select '${checkpoint}' as checkpoint`
    ).join(' union all ')
    const rateRows = await db
      .rawQuery(
        `with latest as (
           select o.enrollment_id, o.checkpoint, o.situation, o.contract_type, o.contract_months,
             o.contract_start_on,
             row_number() over (partition by o.enrollment_id, o.checkpoint
                                order by o.observed_on desc, o.id desc) as position
           from outcomes o join enrollments x on x.id = o.enrollment_id
           where x.cohort_id in (${scope}) and x.exit_on is not null
         )
         select cp.checkpoint, count(*) as total, ${tallies}
         from enrollments e
         cross join (${checkpoints}) cp
         left join latest l on l.enrollment_id = e.id and l.checkpoint = cp.checkpoint and l.position = 1
         where e.cohort_id in (${scope}) and e.exit_on is not null
         group by cp.checkpoint`,
        [...scopeBindings, ...scopeBindings]
      )
      .then((result) => rawRows<Record<string, any>>(result))
    const byCheckpoint = new Map(rateRows.map((row) => [String(row.checkpoint), row]))

    const rates = definitions.flatMap((definition, index) =>
      OUTCOME_CHECKPOINTS.map((checkpoint): OutcomeRate => {
        const row = byCheckpoint.get(checkpoint)
        const total = Number(row?.total ?? 0)
        const numerator = Number(row?.[`yes_${index}`] ?? 0)
        const unknown = Number(row?.[`unknown_${index}`] ?? 0)
        const percent = total === 0 ? null : Math.round((numerator / total) * 100)
        return {
          definition,
          checkpoint,
          denominator: DENOMINATOR,
          numerator,
          total,
          unknown,
          percent,
          sentence: rateSentence(
            definition,
            checkpoint,
            DENOMINATOR,
            numerator,
            total,
            unknown,
            percent
          ),
        }
      })
    )
    const entrants = Number(counts?.entrants ?? 0)
    const completed = Number(counts?.completed ?? 0)
    const dropouts = Number(counts?.dropouts ?? 0)
    return {
      cohorts: Number(cohorts),
      entrants,
      completed,
      dropouts,
      inTraining: entrants - completed - dropouts,
      exits: Number(counts?.exits ?? 0),
      rates,
    }
  }
}
