import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import Programme from '#models/programme'
import type { TargetRatios } from '#models/programme'
import { sqlDate } from '#services/sql_time'

/**
 * The label mix of a cohort (issue 4, item 6): who the programme reaches,
 * among three populations —
 * - `applicants`: every application to the cohort, whatever its status;
 * - `admitted`: the applications with status `admitted`;
 * - `enrolled`: the cohort's enrollments, except those `dropped_out`;
 * and, for the enrolled, how far each of the programme's target ratios is.
 *
 * Counting rules:
 * - every share is over the whole population: a person whose fact is
 *   unknown (no sex, qualification level or birth date) counts in the
 *   denominator but not in the numerator, and is reported in `unknown`;
 * - "niveau bac ou moins" is a qualification level ≤ 4, "sans diplôme"
 *   (0) included;
 * - "moins de 26 ans" is on the cohort's start date: born after the day
 *   26 years before it;
 * - RQTH is health data: a count of "yes" only, no share (`share` null).
 *
 * Computed in one grouped query; the result is a plain object a page
 * renders as is (shares as fractions and as French labels, "33,3 %").
 */
export type LabelMixPopulationKey = 'applicants' | 'admitted' | 'enrolled'

export type LabelMixIndicatorKey =
  'women' | 'qpv' | 'zrr' | 'qualificationLevel4OrLess' | 'jobSeekers' | 'neet' | 'under26' | 'rqth'

export type LabelMixCell = {
  population: LabelMixPopulationKey
  count: number
  /** Of how many (the population's total). */
  total: number
  /** count / total between 0 and 1; null when the population is empty or for RQTH. */
  share: number | null
  /** "33,3 %", or "—" when there is no share. */
  shareLabel: string
  /** People whose fact is unknown (counted in the total only); null when it cannot be unknown. */
  unknown: number | null
}

export type LabelMixTarget = {
  indicator: LabelMixIndicatorKey
  label: string
  /** Target share between 0 and 1, e.g. 0.3. */
  target: number
  /** "30 %" */
  targetLabel: string
  /** Among the enrolled. */
  count: number
  total: number
  reached: boolean
  /** Smallest number of extra people of this kind to reach the target; 0 when reached, null when no number of extra people can (a 100 % target missed). */
  missing: number | null
  /** "il manque 3 femmes pour atteindre 30 %", "objectif atteint". */
  sentence: string
}

export type LabelMixRow = {
  indicator: LabelMixIndicatorKey
  label: string
  /** One per population, in the order of `populations`. */
  cells: LabelMixCell[]
  /** The programme's target for the enrolled, when it has one. */
  target: LabelMixTarget | null
}

export type LabelMix = {
  cohortId: number
  /** ISO date the ages are taken on. */
  startsOn: string
  /** ISO date: born after it means under 26 on the start date. */
  under26BornAfter: string
  populations: { key: LabelMixPopulationKey; label: string; total: number }[]
  rows: LabelMixRow[]
  /** The rows' targets, in the same order (only those the programme sets). */
  targets: LabelMixTarget[]
}

type Indicator = {
  key: LabelMixIndicatorKey
  label: string
  /** Condition on the trainee `t` for the numerator. */
  condition: string
  /** Condition for "unknown", when the fact can be unknown. */
  unknown?: string
  /** Key in the programme's `targetRatios`. */
  target?: keyof typeof PEOPLE
  countOnly?: boolean
}

/**
 * How the missing people are named: one, several.
 */
const PEOPLE = {
  women: ['femme', 'femmes'],
  qpv: ['personne habitant un QPV', 'personnes habitant un QPV'],
  zrr: ['personne habitant une ZRR', 'personnes habitant une ZRR'],
  qualificationLevel4OrLess: [
    'personne de niveau bac ou moins',
    'personnes de niveau bac ou moins',
  ],
  jobSeekers: ['demandeur d’emploi', 'demandeurs d’emploi'],
  neet: ['jeune sans emploi ni formation (NEET)', 'jeunes sans emploi ni formation (NEET)'],
} as const

const INDICATORS: Indicator[] = [
  {
    key: 'women',
    label: 'Femmes',
    condition: `t.sex = 'female'`,
    unknown: 't.sex IS NULL',
    target: 'women',
  },
  { key: 'qpv', label: 'Habitant un QPV', condition: 't.qpv', target: 'qpv' },
  { key: 'zrr', label: 'Habitant une ZRR', condition: 't.zrr', target: 'zrr' },
  {
    key: 'qualificationLevel4OrLess',
    label: 'Niveau bac ou moins',
    condition: 't.qualification_level <= 4',
    unknown: 't.qualification_level IS NULL',
    target: 'qualificationLevel4OrLess',
  },
  {
    key: 'jobSeekers',
    label: 'Demandeurs d’emploi',
    condition: 't.job_seeker',
    target: 'jobSeekers',
  },
  {
    key: 'neet',
    label: 'Jeunes sans emploi ni formation (NEET)',
    condition: 't.neet',
    target: 'neet',
  },
  {
    key: 'under26',
    label: 'Moins de 26 ans',
    condition: 't.birth_date > ?',
    unknown: 't.birth_date IS NULL',
  },
  { key: 'rqth', label: 'RQTH', condition: `t.rqth = 'yes'`, countOnly: true },
]

const POPULATIONS: { key: LabelMixPopulationKey; label: string }[] = [
  { key: 'applicants', label: 'Candidatures' },
  { key: 'admitted', label: 'Admis' },
  { key: 'enrolled', label: 'Inscrits' },
]

const percentFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
const targetFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })

/**
 * "33,3 %" (a normal space before %, as in the rest of the app's sentences).
 */
export function percentLabel(share: number, format = percentFormat) {
  return `${format.format(share * 100)} %`
}

/**
 * Targets are compared in ten-thousandths (the form stores percentages
 * with two decimals), so the arithmetic is exact.
 */
const SCALE = 10_000

/**
 * The gap to a target share among `total` people of whom `count` qualify:
 * the smallest n ≥ 0 such that (count + n) / (total + n) ≥ target, n
 * extra people of the kind being added to the population. Null when no n
 * can (a target of 100 % with someone not of the kind). An empty
 * population needs 1 person for any target above 0.
 */
export function missingForTarget(count: number, total: number, target: number) {
  const scaled = Math.round(target * SCALE)
  if (scaled <= 0) return 0
  if (total === 0) return 1
  const shortfall = scaled * total - SCALE * count
  if (shortfall <= 0) return 0
  if (scaled >= SCALE) return null
  return Math.ceil(shortfall / (SCALE - scaled))
}

function gapSentence(kind: keyof typeof PEOPLE, missing: number | null, targetLabel: string) {
  if (missing === 0) return 'objectif atteint'
  if (missing === null) {
    return `objectif de ${targetLabel} hors d’atteinte : toutes les personnes inscrites devraient en faire partie`
  }
  const [one, many] = PEOPLE[kind]
  return `il manque ${missing} ${missing > 1 ? many : one} pour atteindre ${targetLabel}`
}

function targetOf(ratios: TargetRatios | null, key: string) {
  const value = ratios?.[key]
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : null
}

export default class ComputeLabelMix {
  async handle({ cohort }: { cohort: Cohort }): Promise<LabelMix> {
    const client = cohort.$trx ?? db.connection()
    const programme =
      cohort.programme ??
      (await Programme.query({ client }).where('id', cohort.programmeId).firstOrFail())
    const under26BornAfter = sqlDate(cohort.startsOn.minus({ years: 26 }))

    const people = client
      .from('applications')
      .where('cohort_id', cohort.id)
      .select(client.raw(`'applicants' as population`), 'trainee_id')
      .unionAll((query) => {
        query
          .from('applications')
          .where('cohort_id', cohort.id)
          .where('status', 'admitted')
          .select(client.raw(`'admitted' as population`), 'trainee_id')
      })
      .unionAll((query) => {
        query
          .from('enrollments')
          .where('cohort_id', cohort.id)
          .whereNot('status', 'dropped_out')
          .select(client.raw(`'enrolled' as population`), 'trainee_id')
      })

    const bindingsOf = (sql: string) => (sql.includes('?') ? [under26BornAfter] : [])
    const sums = INDICATORS.flatMap((indicator, i) => {
      const columns = [
        client.raw(
          `sum(case when ${indicator.condition} then 1 else 0 end) as count_${i}`,
          bindingsOf(indicator.condition)
        ),
      ]
      if (indicator.unknown) {
        columns.push(
          client.raw(`sum(case when ${indicator.unknown} then 1 else 0 end) as unknown_${i}`)
        )
      }
      return columns
    })

    const rows: Record<string, unknown>[] = await client
      .from(people.as('p'))
      .join('trainees as t', 't.id', 'p.trainee_id')
      .groupBy('p.population')
      .select('p.population', client.raw('count(*) as total'), ...sums)

    const byPopulation = new Map(rows.map((row) => [String(row.population), row]))
    const number = (population: LabelMixPopulationKey, column: string) =>
      Number(byPopulation.get(population)?.[column] ?? 0)

    const populations = POPULATIONS.map((population) => ({
      ...population,
      total: number(population.key, 'total'),
    }))

    const mixRows: LabelMixRow[] = INDICATORS.map((indicator, i) => {
      const cells = populations.map(({ key, total }): LabelMixCell => {
        const count = number(key, `count_${i}`)
        const share = indicator.countOnly || total === 0 ? null : count / total
        return {
          population: key,
          count,
          total,
          share,
          shareLabel: share === null ? '—' : percentLabel(share),
          unknown: indicator.unknown ? number(key, `unknown_${i}`) : null,
        }
      })

      const target = indicator.target ? targetOf(programme.targetRatios, indicator.target) : null
      let gap: LabelMixTarget | null = null
      if (indicator.target && target !== null) {
        const enrolled = cells[2]
        const missing = missingForTarget(enrolled.count, enrolled.total, target)
        const targetLabel = percentLabel(target, targetFormat)
        gap = {
          indicator: indicator.key,
          label: indicator.label,
          target,
          targetLabel,
          count: enrolled.count,
          total: enrolled.total,
          reached: missing === 0,
          missing,
          sentence: gapSentence(indicator.target, missing, targetLabel),
        }
      }
      return { indicator: indicator.key, label: indicator.label, cells, target: gap }
    })

    return {
      cohortId: cohort.id,
      startsOn: sqlDate(cohort.startsOn),
      under26BornAfter,
      populations,
      rows: mixRows,
      targets: mixRows.flatMap((row) => (row.target ? [row.target] : [])),
    }
  }
}
