import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import Programme from '#models/programme'
import ProgrammeResult from '#models/programme_result'
import { EXIT_REASONS, type ExitReason } from '#enums/exit_reason'
import { EXIT_REASON_LABELS } from '#actions/outcomes/outcome_labels'
import {
  loadCohortOutcomes,
  rateFrom,
  type CohortOutcomes,
} from '#actions/outcomes/compute_outcome_rates'
import { OUTCOME_DEFINITIONS } from '#services/outcome_definitions'

/**
 * What the public results page shows, as stored in
 * `programme_results.figures` (plain JSON: dates as ISO days).
 */
export type ProgrammeFigures = {
  /** Completed cohorts counted. */
  cohortCount: number
  /** First day of the earliest counted cohort, last day of the latest. */
  periodFrom: string | null
  periodTo: string | null
  entrants: number
  completed: number
  completionPercent: number | null
  dropouts: number
  dropoutPercent: number | null
  dropoutCauses: { reason: ExitReason; label: string; count: number }[]
  employment: {
    rule: string
    numerator: number
    total: number
    unknown: number
    percent: number | null
  }
  /** No satisfaction survey exists in Cohorte: said so on the page. */
  satisfaction: null
}

const percentOf = (part: number, total: number) =>
  total === 0 ? null : Math.round((part / total) * 100)

/**
 * Computes a programme's results over its completed cohorts (a cohort
 * still running or planned is not counted) and saves them as the
 * programme's published snapshot, dated now.
 */
export default class ComputeProgrammeResults {
  async handle(programme: Programme, now: DateTime = DateTime.now()) {
    const figures = await this.figures(programme)
    // One row per programme: replace the previous snapshot.
    return db.transaction(async (trx) => {
      const existing = await ProgrammeResult.query({ client: trx })
        .where('programme_id', programme.id)
        .first()
      const result = existing ?? new ProgrammeResult()
      result.useTransaction(trx)
      result.merge({
        organizationId: programme.organizationId,
        programmeId: programme.id,
        computedAt: now,
        figures,
      })
      await result.save()
      return result
    })
  }

  /**
   * The figures alone, without saving them.
   */
  async figures(programme: Programme): Promise<ProgrammeFigures> {
    const cohorts = await Cohort.query()
      .where('organization_id', programme.organizationId)
      .where('programme_id', programme.id)
      .where('status', 'completed')
      .orderBy('starts_on')

    const merged: CohortOutcomes = { enrollments: [], latest: new Map() }
    for (const cohort of cohorts) {
      const data = await loadCohortOutcomes(cohort)
      merged.enrollments.push(...data.enrollments)
      for (const [key, facts] of data.latest) merged.latest.set(key, facts)
    }

    const ids = merged.enrollments.map((enrollment) => enrollment.id)
    const reasonRows = ids.length
      ? await db
          .from('enrollments')
          .whereIn('id', ids)
          .where('status', 'dropped_out')
          .groupBy('exit_reason')
          .select('exit_reason')
          .count('* as total')
      : []
    const counts = new Map<string, number>()
    for (const row of reasonRows) counts.set(row.exit_reason ?? 'other', Number(row.total))
    const dropoutCauses = EXIT_REASONS.filter((reason) => (counts.get(reason) ?? 0) > 0).map(
      (reason) => ({ reason, label: EXIT_REASON_LABELS[reason], count: counts.get(reason)! })
    )
    dropoutCauses.sort((a, b) => b.count - a.count)

    const entrants = merged.enrollments.length
    const completed = merged.enrollments.filter((e) => e.status === 'completed').length
    const dropouts = merged.enrollments.filter((e) => e.status === 'dropped_out').length
    const definition = OUTCOME_DEFINITIONS.employment
    const employment = rateFrom(merged, 'm6', definition, 'exits')

    const day = (value: DateTime | null | undefined) => (value ? value.toISODate() : null)
    const lastEnd = cohorts.reduce<DateTime | null>(
      (latest, cohort) => (!latest || cohort.endsOn > latest ? cohort.endsOn : latest),
      null
    )
    return {
      cohortCount: cohorts.length,
      periodFrom: day(cohorts[0]?.startsOn),
      periodTo: day(lastEnd),
      entrants,
      completed,
      completionPercent: percentOf(completed, entrants),
      dropouts,
      dropoutPercent: percentOf(dropouts, entrants),
      dropoutCauses,
      employment: {
        rule: definition.rule,
        numerator: employment.numerator,
        total: employment.total,
        unknown: employment.unknown,
        percent: employment.percent,
      },
      satisfaction: null,
    }
  }

  /**
   * Recomputes every programme's snapshot (all organisations); returns how
   * many were written.
   */
  async refreshAll(now: DateTime = DateTime.now()) {
    const programmes = await Programme.query().whereNot('status', 'archived').orderBy('id')
    for (const programme of programmes) await this.handle(programme, now)
    return programmes.length
  }
}
