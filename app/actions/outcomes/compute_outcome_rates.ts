import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Cohort from '#models/cohort'
import type { OutcomeCheckpoint } from '#enums/checkpoint'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { ContractType } from '#enums/contract_type'
import type { OutcomeDefinition, ObservedFacts } from '#services/outcome_definitions'
import { CHECKPOINT_IN_SENTENCE } from '#actions/outcomes/outcome_labels'

/**
 * Who a rate is counted over: everyone who entered, everyone who left
 * (an exit date), or those who completed the course.
 */
export const DENOMINATORS = ['entrants', 'exits', 'completers'] as const
export type Denominator = (typeof DENOMINATORS)[number]

export const DENOMINATOR_LABELS: Record<Denominator, string> = {
  entrants: 'Entrés en formation',
  exits: 'Sortis (avec une date de sortie)',
  completers: 'Ayant terminé le parcours',
}

/**
 * "7 sur 12 sortis": the words after the count.
 */
const DENOMINATOR_IN_SENTENCE: Record<Denominator, string> = {
  entrants: 'entrés',
  exits: 'sortis',
  completers: 'ayant terminé le parcours',
}

export type OutcomeRate = {
  definition: OutcomeDefinition
  checkpoint: OutcomeCheckpoint
  denominator: Denominator
  numerator: number
  total: number
  unknown: number
  /**
   * Rounded percentage, null when nobody is counted.
   */
  percent: number | null
  sentence: string
}

type EnrollmentRow = { id: number; status: string; exitOn: DateTime | null }

/**
 * Everything the rates of one cohort need, read in two queries: its
 * enrollments, and the latest observation of each enrollment at each
 * checkpoint (newest observed day, then newest row).
 */
export async function loadCohortOutcomes(cohort: Cohort) {
  const enrollmentRows = await db
    .from('enrollments')
    .where('cohort_id', cohort.id)
    .where('organization_id', cohort.organizationId)
    .select('id', 'status', 'exit_on')
  const enrollments: EnrollmentRow[] = enrollmentRows.map((row) => ({
    id: Number(row.id),
    status: row.status,
    exitOn: toDate(row.exit_on),
  }))
  const outcomeRows = await db
    .from('outcomes')
    .join('enrollments', 'enrollments.id', 'outcomes.enrollment_id')
    .where('enrollments.cohort_id', cohort.id)
    .where('outcomes.organization_id', cohort.organizationId)
    .orderBy('outcomes.observed_on', 'asc')
    .orderBy('outcomes.id', 'asc')
    .select(
      'outcomes.enrollment_id',
      'outcomes.checkpoint',
      'outcomes.situation',
      'outcomes.contract_type',
      'outcomes.contract_months',
      'outcomes.contract_start_on'
    )
  // Rows come oldest first: the last one written per key is the latest.
  const latest = new Map<string, ObservedFacts>()
  for (const row of outcomeRows) {
    latest.set(`${row.enrollment_id}:${row.checkpoint}`, {
      situation: row.situation as OutcomeSituation,
      contractType: (row.contract_type ?? null) as ContractType | null,
      contractMonths: row.contract_months === null ? null : Number(row.contract_months),
      contractStartOn: toDate(row.contract_start_on),
    })
  }
  return { enrollments, latest }
}

export type CohortOutcomes = Awaited<ReturnType<typeof loadCohortOutcomes>>

function toDate(value: unknown): DateTime | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).startOf('day')
  return DateTime.fromISO(String(value).slice(0, 10), { zone: 'utc' })
}

/**
 * One rate over already loaded data: among the denominator's people, how
 * many have a latest observation at the checkpoint that the definition
 * counts; people with no observation, or one the definition cannot decide,
 * are unknown (and not in the numerator).
 */
export function rateFrom(
  data: CohortOutcomes,
  checkpoint: OutcomeCheckpoint,
  definition: OutcomeDefinition,
  denominator: Denominator
): OutcomeRate {
  const people = data.enrollments.filter((enrollment) => {
    if (denominator === 'exits') return enrollment.exitOn !== null
    if (denominator === 'completers') return enrollment.status === 'completed'
    return true
  })
  let numerator = 0
  let unknown = 0
  for (const person of people) {
    const facts = data.latest.get(`${person.id}:${checkpoint}`)
    const verdict = facts ? definition.classify(facts, { exitOn: person.exitOn }) : 'unknown'
    if (verdict === 'yes') numerator++
    else if (verdict === 'unknown') unknown++
  }
  const total = people.length
  const percent = total === 0 ? null : Math.round((numerator / total) * 100)
  return {
    definition,
    checkpoint,
    denominator,
    numerator,
    total,
    unknown,
    percent,
    sentence: rateSentence(definition, checkpoint, denominator, numerator, total, unknown, percent),
  }
}

/**
 * "Sorties positives (GEN) à 6 mois : 7 sur 12 sortis (58 %), 2 situations
 * inconnues".
 */
export function rateSentence(
  definition: OutcomeDefinition,
  checkpoint: OutcomeCheckpoint,
  denominator: Denominator,
  numerator: number,
  total: number,
  unknown: number,
  percent: number | null
) {
  const head = `${definition.shortName} ${CHECKPOINT_IN_SENTENCE[checkpoint]} : `
  if (total === 0)
    return `${head}aucune personne à compter (0 ${DENOMINATOR_IN_SENTENCE[denominator]})`
  const unknowns =
    unknown === 0
      ? 'aucune situation inconnue'
      : `${unknown} situation${unknown > 1 ? 's' : ''} inconnue${unknown > 1 ? 's' : ''}`
  return `${head}${numerator} sur ${total} ${DENOMINATOR_IN_SENTENCE[denominator]} (${percent}\u00a0%), ${unknowns}`
}

/**
 * The rate of one definition at one checkpoint for a cohort.
 */
export async function computeOutcomeRates(input: {
  cohort: Cohort
  checkpoint: OutcomeCheckpoint
  definition: OutcomeDefinition
  denominator: Denominator
}): Promise<OutcomeRate> {
  const data = await loadCohortOutcomes(input.cohort)
  return rateFrom(data, input.checkpoint, input.definition, input.denominator)
}
