import db from '@adonisjs/lucid/services/db'
import {
  DEFAULT_ABSENCE_REASONS,
  absenceReasonLabel,
  type AbsenceReasonOption,
} from '#enums/absence_reason'
import { jsonColumn } from '#models/json_column'

/**
 * The absence reasons offered for a cohort, from its funders' lists: the
 * reasons of every funder that configured one (in the funders' order,
 * each once), or the default list when none did. The only place the rule
 * is written.
 */
export function reasonsFromFunderLists(lists: Array<unknown>): AbsenceReasonOption[] {
  const keys: string[] = []
  for (const list of lists) {
    if (!Array.isArray(list)) continue
    for (const item of list) {
      const key = typeof item === 'string' ? item.trim() : ''
      if (key && !keys.includes(key)) keys.push(key)
    }
  }
  const chosen = keys.length ? keys : [...DEFAULT_ABSENCE_REASONS]
  return chosen.map((key) => ({ value: key, label: absenceReasonLabel(key)! }))
}

/**
 * The reasons of each cohort, in one query whatever the number of cohorts.
 */
export async function absenceReasonsByCohort(cohortIds: number[]) {
  const rows = cohortIds.length
    ? await db
        .from('cohort_funders')
        .join('funders', 'funders.id', 'cohort_funders.funder_id')
        .whereIn('cohort_funders.cohort_id', cohortIds)
        .select('cohort_funders.cohort_id', 'funders.absence_reasons')
        .orderBy('funders.name', 'asc')
        .orderBy('funders.id', 'asc')
    : []
  const reasons = new Map<number, AbsenceReasonOption[]>()
  for (const cohortId of cohortIds) {
    const lists = rows
      .filter((row) => Number(row.cohort_id) === cohortId)
      .map((row) => jsonColumn.consume(row.absence_reasons))
    reasons.set(cohortId, reasonsFromFunderLists(lists))
  }
  return reasons
}

/**
 * The reasons offered for one cohort.
 */
export async function cohortAbsenceReasons(cohortId: number) {
  const reasons = await absenceReasonsByCohort([cohortId])
  return reasons.get(cohortId)!
}

/**
 * The options of a form: the cohort's reasons, plus the record's current
 * one when the list no longer holds it (so that saving keeps it).
 */
export function withCurrentReason(options: AbsenceReasonOption[], current: string | null) {
  if (!current || options.some((option) => option.value === current)) return options
  return [...options, { value: current, label: absenceReasonLabel(current)! }]
}
