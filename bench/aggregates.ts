import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import Funder from '#models/funder'
import ComputeAttendance, { type AttendanceFigures } from '#actions/attendance/compute_attendance'
import ComputeFunderIndicators, {
  type FunderIndicators,
} from '#actions/funders/compute_funder_indicators'
import type { BenchRow } from '#bench/report'
import { findBenchSubjects } from '#bench/subjects'

/*
|--------------------------------------------------------------------------
| Aggregates: the app's own code against one raw SQL aggregate
|--------------------------------------------------------------------------
|
| On the national dataset (bench:seed), each question is answered twice:
| through the app's code (models, actions, the shared rules) and by one
| hand-written PostgreSQL statement returning the same figures (the
| floor). Both must agree to the unit, or the bench fails loudly; then
| each is timed (median of several runs, taken in turns, after warm-up).
|
*/

export const AGGREGATE_TARGET = 2
const WARMUP = 3
const RUNS = 31

/**
 * The median time of each of two runs, taken in turns (app, raw, app,
 * raw…) after a warm-up of each, so that a slow spell of the machine
 * weighs on both alike.
 */
export async function timeMedians(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  runs = RUNS,
  warmup = WARMUP
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await first()
    await second()
  }
  const times: [number[], number[]] = [[], []]
  const time = async (run: () => Promise<unknown>, into: number[]) => {
    const started = performance.now()
    await run()
    into.push(performance.now() - started)
  }
  for (let i = 0; i < runs; i++) {
    await time(first, times[0])
    await time(second, times[1])
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  return [median(times[0]), median(times[1])]
}

export function ms(value: number) {
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`
}

function compare(what: string, app: Record<string, number>, raw: Record<string, number>) {
  const differences = Object.keys(raw).filter((key) => Number(app[key]) !== Number(raw[key]))
  if (differences.length) {
    throw new Error(
      `${what}: the app and the raw SQL disagree on ${differences
        .map((key) => `${key} (app ${app[key]}, SQL ${raw[key]})`)
        .join(', ')}`
    )
  }
}

/**
 * A cohort's attendance summary as one statement: the totals of
 * ComputeAttendance.forCohort (its default range: from the cohort's start).
 */
export async function rawCohortAttendance(cohortId: number, now: DateTime) {
  const result = await db.rawQuery(
    `with s as (
       select cs.id, extract(epoch from cs.ends_at - cs.starts_at)::integer / 60 as minutes,
         cs.starts_at at time zone 'Europe/Paris' as local
       from class_sessions cs join cohorts c on c.id = cs.cohort_id
       where cs.cohort_id = ? and not cs.is_cancelled and cs.ends_at <= ?
         and (cs.starts_at at time zone 'Europe/Paris')::date >= c.starts_on
     )
     select
       count(s.id) as planned_sessions,
       coalesce(sum(s.minutes), 0) as planned,
       coalesce(sum(case when ar.status in ('present', 'late') then greatest(s.minutes - ar.minutes_missed, 0) else 0 end), 0) as attended,
       coalesce(sum(case when ar.status in ('present', 'late') then s.minutes - greatest(s.minutes - ar.minutes_missed, 0) else 0 end), 0) as missed,
       coalesce(sum(case when ar.status = 'absent' and ar.absence_justified then s.minutes else 0 end), 0) as justified,
       coalesce(sum(case when ar.status = 'absent' and not coalesce(ar.absence_justified, false) then s.minutes else 0 end), 0) as unjustified,
       coalesce(sum(case when ar.id is null then s.minutes else 0 end), 0) as not_recorded,
       count(distinct case when ar.status = 'absent' and not coalesce(ar.absence_justified, false)
         then e.id || to_char(s.local, 'YYYY-MM-DD') || case when extract(hour from s.local) < 13 then 'm' else 'a' end end) as half_days
     from enrollments e
     join s on (s.local)::date >= e.starts_on and (e.ends_on is null or (s.local)::date <= e.ends_on)
       and (e.exit_on is null or (s.local)::date <= e.exit_on)
     left join attendance_records ar on ar.class_session_id = s.id and ar.enrollment_id = e.id
     where e.cohort_id = ?`,
    [cohortId, now.toUTC().toISO(), cohortId]
  )
  const row = result.rows[0]
  return {
    plannedSessions: Number(row.planned_sessions),
    plannedMinutes: Number(row.planned),
    attendedMinutes: Number(row.attended),
    missedMinutes: Number(row.missed),
    justifiedAbsenceMinutes: Number(row.justified),
    unjustifiedAbsenceMinutes: Number(row.unjustified),
    notRecordedMinutes: Number(row.not_recorded),
    unjustifiedHalfDays: Number(row.half_days),
  }
}

const CHECKPOINTS = ['exit', 'm3', 'm6', 'm12']

/**
 * A funder's indicators over a period as one statement: entrants,
 * completions, dropouts, exits, and each definition's yes / unknown at
 * each checkpoint over the exits (the latest observation per enrollment
 * and checkpoint), the definitions of #services/outcome_definitions
 * written out in SQL.
 */
export async function rawFunderIndicators(funderId: number, from: DateTime, to: DateTime) {
  const result = await db.rawQuery(
    `with e as (
       select e.id, e.status, e.exit_on from enrollments e
       where e.cohort_id in (select c.id from cohorts c join cohort_funders cf on cf.cohort_id = c.id
                             where cf.funder_id = ? and c.starts_on <= ? and c.ends_on >= ?)
     ),
     latest as (
       select distinct on (o.enrollment_id, o.checkpoint) o.enrollment_id, o.checkpoint,
         o.situation as s, o.contract_type as ct, o.contract_months as m, o.contract_start_on as st
       from outcomes o join e on e.id = o.enrollment_id and e.exit_on is not null
       order by o.enrollment_id, o.checkpoint, o.observed_on desc, o.id desc
     ),
     v as (
       select cp.checkpoint,
         case when l.s is null or l.s = 'unknown' then 'unknown' when l.s = 'training' then 'yes'
              when l.s <> 'employed' then 'no' when l.ct is null then 'unknown'
              when l.ct in ('cdi', 'cdd', 'apprenticeship', 'professionalisation', 'business_creation') then 'yes' else 'no' end as gen_positive_exit,
         case when l.s is null or l.s = 'unknown' then 'unknown' when l.s <> 'employed' then 'no'
              when l.ct is null then 'unknown' when l.ct in ('cdi', 'business_creation') then 'yes'
              when l.ct in ('cdd', 'interim') then case when l.m is null then 'unknown' when l.m >= 6 then 'yes' else 'no' end
              else 'no' end as ft_durable_employment,
         case when l.s is null or l.s = 'unknown' then 'unknown' when l.s <> 'employed' then 'no'
              when l.ct is null then 'unknown'
              when l.ct not in ('cdi', 'business_creation') and l.m is null then 'unknown'
              when l.ct not in ('cdi', 'business_creation') and l.m < 1 then 'no'
              when l.st is null then 'unknown'
              when l.st <= e.exit_on + interval '6 months' then 'yes' else 'no' end as ft_access_to_employment,
         case when l.s is null or l.s = 'unknown' then 'unknown' when l.s = 'employed' then 'yes' else 'no' end as employment
       from e cross join (values ('exit'), ('m3'), ('m6'), ('m12')) as cp(checkpoint)
       left join latest l on l.enrollment_id = e.id and l.checkpoint = cp.checkpoint
       where e.exit_on is not null
     )
     select 'counts' as checkpoint,
       (select count(*) from e) as total,
       (select count(*) from e where status = 'completed') as gen_positive_exit_yes,
       (select count(*) from e where status = 'dropped_out') as gen_positive_exit_unknown,
       (select count(*) from e where exit_on is not null) as ft_durable_employment_yes,
       0 as ft_durable_employment_unknown, 0 as ft_access_to_employment_yes, 0 as ft_access_to_employment_unknown,
       0 as employment_yes, 0 as employment_unknown
     union all
     select checkpoint, count(*),
       count(*) filter (where gen_positive_exit = 'yes'), count(*) filter (where gen_positive_exit = 'unknown'),
       count(*) filter (where ft_durable_employment = 'yes'), count(*) filter (where ft_durable_employment = 'unknown'),
       count(*) filter (where ft_access_to_employment = 'yes'), count(*) filter (where ft_access_to_employment = 'unknown'),
       count(*) filter (where employment = 'yes'), count(*) filter (where employment = 'unknown')
     from v group by checkpoint`,
    [funderId, to.toISODate(), from.toISODate()]
  )
  const rows = new Map<string, Record<string, unknown>>(
    result.rows.map((row: Record<string, unknown>) => [String(row.checkpoint), row])
  )
  const counts = rows.get('counts')!
  const figures: Record<string, number> = {
    entrants: Number(counts.total),
    completed: Number(counts.gen_positive_exit_yes),
    dropouts: Number(counts.gen_positive_exit_unknown),
    exits: Number(counts.ft_durable_employment_yes),
  }
  for (const checkpoint of CHECKPOINTS) {
    const row = rows.get(checkpoint)
    for (const key of [
      'gen_positive_exit',
      'ft_durable_employment',
      'ft_access_to_employment',
      'employment',
    ]) {
      figures[`${key}:${checkpoint}:total`] = Number(row?.total ?? 0)
      figures[`${key}:${checkpoint}:yes`] = Number(row?.[`${key}_yes`] ?? 0)
      figures[`${key}:${checkpoint}:unknown`] = Number(row?.[`${key}_unknown`] ?? 0)
    }
  }
  return figures
}

/** The app's indicators in the raw statement's shape (its own definitions only). */
function indicatorFigures(indicators: FunderIndicators) {
  const figures: Record<string, number> = {
    entrants: indicators.entrants,
    completed: indicators.completed,
    dropouts: indicators.dropouts,
    exits: indicators.exits,
  }
  for (const rate of indicators.rates) {
    const key = `${rate.definition.key}:${rate.checkpoint}`
    figures[`${key}:total`] = rate.total
    figures[`${key}:yes`] = rate.numerator
    figures[`${key}:unknown`] = rate.unknown
  }
  return figures
}

function pick(figures: Record<string, number>, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key, figures[key]]))
}

function benchRow(measure: string, appMs: number, rawMs: number): BenchRow {
  const ratio = appMs / rawMs
  return {
    section: 'Aggregates',
    measure,
    value: ms(appMs),
    floor: `${ms(rawMs)} (raw SQL)`,
    ratio: `${ratio.toFixed(2)}×`,
    target: `≤ ${AGGREGATE_TARGET.toFixed(2)}×`,
    ok: ratio <= AGGREGATE_TARGET,
  }
}

export async function measureAggregates(log: (message: string) => void): Promise<BenchRow[]> {
  const subjects = await findBenchSubjects()
  const rows: BenchRow[] = []

  // (a) A cohort's attendance summary.
  const cohort = await Cohort.findOrFail(subjects.cohortId)
  const now = DateTime.now()
  const attendance = new ComputeAttendance()
  const app = await attendance.forCohort(cohort, { now })
  const raw = await rawCohortAttendance(cohort.id, now)
  const appTotals: Omit<AttendanceFigures, 'rate'> & { rate?: number | null } = { ...app.totals }
  delete appTotals.rate
  compare(`Attendance summary of cohort ${cohort.id}`, appTotals as Record<string, number>, raw)
  log(
    `Aggregates: cohort ${cohort.id} (${app.enrollments.length} trainees), ${raw.plannedSessions} trainee-sessions, both agree`
  )
  const [appAttendanceMs, rawAttendanceMs] = await timeMedians(
    () => attendance.forCohort(cohort, { now }),
    () => rawCohortAttendance(cohort.id, now)
  )
  rows.push(
    benchRow(
      `cohort attendance summary (${app.enrollments.length} trainees)`,
      appAttendanceMs,
      rawAttendanceMs
    )
  )

  // (b) A funder's yearly indicators.
  const funder = await Funder.findOrFail(subjects.indicatorsFunderId)
  const from = DateTime.fromObject({ year: subjects.year, month: 1, day: 1 }, { zone: 'utc' })
  const to = from.endOf('year').startOf('day')
  const compute = new ComputeFunderIndicators()
  const indicators = await compute.handle({ funder, from, to })
  const appFigures = indicatorFigures(indicators)
  const rawFigures = await rawFunderIndicators(funder.id, from, to)
  compare(
    `Indicators of ${funder.slug} for ${subjects.year}`,
    appFigures,
    pick(rawFigures, Object.keys(appFigures))
  )
  log(
    `Aggregates: ${funder.slug} ${subjects.year}, ${indicators.cohorts} cohorts, ${indicators.entrants} entrants, ${indicators.exits} exits, both agree`
  )
  const [appIndicatorsMs, rawIndicatorsMs] = await timeMedians(
    () => compute.handle({ funder, from, to }),
    () => rawFunderIndicators(funder.id, from, to),
    7,
    2
  )
  rows.push(
    benchRow(
      `funder yearly indicators (${indicators.entrants.toLocaleString('en-US')} enrollments)`,
      appIndicatorsMs,
      rawIndicatorsMs
    )
  )
  return rows
}
