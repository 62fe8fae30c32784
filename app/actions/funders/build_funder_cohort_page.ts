import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import Funder from '#models/funder'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import { EXIT_REASONS, type ExitReason } from '#enums/exit_reason'
import type { CohortStatus } from '#enums/cohort_status'
import ComputeLabelMix, {
  percentLabel,
  type LabelMixIndicatorKey,
} from '#actions/applications/compute_label_mix'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import { hours, percent } from '#actions/attendance/attendance_wording'
import {
  DENOMINATOR_LABELS,
  loadCohortOutcomes,
  rateFrom,
  type Denominator,
} from '#actions/outcomes/compute_outcome_rates'
import { CHECKPOINT_LABELS, EXIT_REASON_LABELS } from '#actions/outcomes/outcome_labels'
import { COHORT_STATUS_LABELS } from '#actions/cohorts/cohort_labels'
import { definitionsForFunders } from '#services/outcome_definitions'
import { sessionMinutesSql } from '#services/attendance_rules'
import { sqlDateTime } from '#services/sql_time'

/*
|--------------------------------------------------------------------------
| Funder portal (issue 8): aggregates only
|--------------------------------------------------------------------------
|
| A funder sees the cohorts it funds, whatever the organisation, and of
| each only counts and shares: no trainee's name, no individual RQTH.
| Every figure comes from the shared computations (label mix, attendance,
| outcome rates); this module only gathers them. A cohort the funder does
| not fund is not found (404), whatever its id.
|
*/

/** One row of the funder's cohort list. */
export type FunderCohortRow = {
  id: number
  name: string
  organizationName: string
  programmeTitle: string
  startsOn: string
  endsOn: string
  status: CohortStatus
  statusLabel: string
  placesFunded: number | null
  entrants: number
}

/** One bar of a chart, also one row of the table beside it. */
export type Bar = {
  label: string
  count: number
  total: number
  /** Between 0 and 100, the bar's length. */
  width: number
  valueLabel: string
}

const PROFILE_INDICATORS: LabelMixIndicatorKey[] = [
  'women',
  'qpv',
  'qualificationLevel4OrLess',
  'jobSeekers',
  'neet',
]

/** Outcome rates are counted over the people who left (an exit date). */
const OUTCOME_DENOMINATOR: Denominator = 'exits'

function isoDate(value: unknown) {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()!
  return String(value).slice(0, 10)
}

function frenchDate(iso: string) {
  return DateTime.fromISO(iso).toFormat('dd/LL/yyyy')
}

function bar(label: string, count: number, total: number, valueLabel?: string): Bar {
  const width = total > 0 ? Math.round((count / total) * 1000) / 10 : 0
  return {
    label,
    count,
    total,
    width,
    valueLabel: valueLabel ?? (total > 0 ? percentLabel(count / total) : '—'),
  }
}

/**
 * The cohorts a funder finances, across organisations, in one query.
 */
export async function listFunderCohorts(funderId: number): Promise<FunderCohortRow[]> {
  const entrants = db
    .from('enrollments as e')
    .whereColumn('e.cohort_id', 'c.id')
    .count('*')
    .as('entrants')
  const rows = await db
    .from('cohorts as c')
    .join('cohort_funders as cf', 'cf.cohort_id', 'c.id')
    .join('organizations as o', 'o.id', 'c.organization_id')
    .join('programmes as p', 'p.id', 'c.programme_id')
    .where('cf.funder_id', funderId)
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.id', 'desc')
    .select(
      'c.id',
      'c.name',
      'c.starts_on',
      'c.ends_on',
      'c.status',
      'o.name as organization_name',
      'p.title as programme_title',
      'cf.places_funded',
      entrants
    )
  return rows.map((row) => {
    const startsOn = isoDate(row.starts_on)
    const endsOn = isoDate(row.ends_on)
    return {
      id: Number(row.id),
      name: row.name,
      organizationName: row.organization_name,
      programmeTitle: row.programme_title,
      startsOn: frenchDate(startsOn),
      endsOn: frenchDate(endsOn),
      status: row.status,
      statusLabel: COHORT_STATUS_LABELS[row.status as CohortStatus] ?? row.status,
      placesFunded: row.places_funded === null ? null : Number(row.places_funded),
      entrants: Number(row.entrants ?? 0),
    }
  })
}

/**
 * A cohort funded by the funder (404 for any other id, the funder's own
 * organisation's unfunded cohorts included).
 */
export async function findFundedCohort(funderId: number, id: unknown) {
  return Cohort.query()
    .where('id', Number(id))
    .whereHas('funders', (funders) => funders.where('funders.id', funderId))
    .preload('organization')
    .preload('programme')
    .preload('site')
    .preload('funders', (funders) => funders.where('funders.id', funderId))
    .firstOrFail()
}

/**
 * Everything the funder's page of one cohort shows: entrants and profile
 * shares, completions and dropouts with their causes, hours delivered and
 * attendance rate, outcome rates at each checkpoint for the funder's
 * definitions with their denominators and unknowns. A constant number of
 * queries whatever the cohort's size.
 */
export default class BuildFunderCohortPage {
  async handle({ funder, cohort, now }: { funder: Funder; cohort: Cohort; now?: DateTime }) {
    const moment = now ?? DateTime.now()
    // One after the other: inside a transaction they share one connection.
    const mix = await new ComputeLabelMix().handle({ cohort })
    const attendance = await new ComputeAttendance().forCohort(cohort, { now: moment })
    const delivered = await this.#deliveredMinutes(cohort, moment)
    const exits = await this.#exits(cohort)
    const outcomes = await loadCohortOutcomes(cohort)

    // Profile: among the enrolled of the label mix (people who dropped out excluded).
    const enrolledIndex = mix.populations.findIndex((population) => population.key === 'enrolled')
    const profileTotal = mix.populations[enrolledIndex].total
    const profile = PROFILE_INDICATORS.map((key) => {
      const row = mix.rows.find((candidate) => candidate.indicator === key)!
      const cell = row.cells[enrolledIndex]
      return {
        ...bar(row.label, cell.count, cell.total, cell.shareLabel),
        unknown: cell.unknown,
      }
    })

    const entrants = exits.total
    const dropoutCauses = EXIT_REASONS.flatMap((reason) => {
      const count = exits.dropoutReasons.get(reason) ?? 0
      return count ? [bar(EXIT_REASON_LABELS[reason], count, exits.dropouts)] : []
    })
    const unstatedDropouts = exits.dropoutReasons.get(null) ?? 0
    if (unstatedDropouts) {
      dropoutCauses.push(bar('Motif non renseigné', unstatedDropouts, exits.dropouts))
    }
    const pathway = [
      bar('En formation', exits.inTraining, entrants),
      bar('Parcours terminé', exits.completed, entrants),
      bar('Abandon', exits.dropouts, entrants),
    ]

    const definitions = definitionsForFunders([funder])
    const checkpoints = OUTCOME_CHECKPOINTS.map((checkpoint) => ({
      checkpoint,
      label: CHECKPOINT_LABELS[checkpoint],
      rates: definitions.map((definition) => {
        const rate = rateFrom(outcomes, checkpoint, definition, OUTCOME_DENOMINATOR)
        return {
          ...bar(definition.name, rate.numerator, rate.total),
          unknown: rate.unknown,
          sentence: rate.sentence,
          valueLabel: rate.percent === null ? '—' : `${rate.percent} %`,
        }
      }),
    }))

    const totals = attendance.totals
    const funding = cohort.funders[0]
    return {
      cohort: {
        id: cohort.id,
        name: cohort.name,
        organizationName: cohort.organization.name,
        programmeTitle: cohort.programme.title,
        siteName: cohort.site.name,
        startsOn: cohort.startsOn.toFormat('dd/LL/yyyy'),
        endsOn: cohort.endsOn.toFormat('dd/LL/yyyy'),
        statusLabel: COHORT_STATUS_LABELS[cohort.status],
        placesFunded: funding ? Number(funding.$extras.pivot_places_funded ?? 0) : null,
      },
      entrants,
      profileTotal,
      profile,
      pathway,
      completed: exits.completed,
      dropouts: exits.dropouts,
      dropoutCauses,
      hours: {
        delivered: hours(delivered.minutes),
        sessions: delivered.sessions,
        attended: hours(totals.attendedMinutes),
        planned: hours(totals.plannedMinutes),
        rate: percent(totals.rate),
        rateBar: bar(
          'Heures suivies sur heures prévues',
          totals.attendedMinutes,
          totals.plannedMinutes,
          percent(totals.rate)
        ),
      },
      definitions: definitions.map((definition) => ({
        name: definition.name,
        rule: definition.rule,
      })),
      denominatorLabel: DENOMINATOR_LABELS[OUTCOME_DENOMINATOR],
      checkpoints,
    }
  }

  /**
   * The cohort's sessions that took place: ended, not cancelled.
   */
  async #deliveredMinutes(cohort: Cohort, now: DateTime) {
    const [row] = await db
      .from('class_sessions as cs')
      .where('cs.cohort_id', cohort.id)
      .where('cs.organization_id', cohort.organizationId)
      .where('cs.is_cancelled', false)
      .where('cs.ends_at', '<=', sqlDateTime(now))
      .select(
        db.raw('count(*) as sessions'),
        db.raw(`coalesce(sum(${sessionMinutesSql('cs')}), 0) as minutes`)
      )
    return { sessions: Number(row?.sessions ?? 0), minutes: Number(row?.minutes ?? 0) }
  }

  /**
   * Entrants, completions and dropouts with their reasons: one grouped query.
   */
  async #exits(cohort: Cohort) {
    const rows = await db
      .from('enrollments')
      .where('cohort_id', cohort.id)
      .where('organization_id', cohort.organizationId)
      .groupBy('status', 'exit_reason')
      .select('status', 'exit_reason')
      .count('* as total')
    let total = 0
    let completed = 0
    let dropouts = 0
    let inTraining = 0
    const dropoutReasons = new Map<ExitReason | null, number>()
    for (const row of rows) {
      const count = Number(row.total)
      total += count
      if (row.status === 'completed') completed += count
      else if (row.status === 'dropped_out') {
        dropouts += count
        const reason = (row.exit_reason ?? null) as ExitReason | null
        dropoutReasons.set(reason, (dropoutReasons.get(reason) ?? 0) + count)
      } else inTraining += count
    }
    return { total, completed, dropouts, inTraining, dropoutReasons }
  }
}
