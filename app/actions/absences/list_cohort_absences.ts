import type { DateTime } from 'luxon'
import AttendanceRecord from '#models/attendance_record'
import type Cohort from '#models/cohort'
import { absenceReasonLabel } from '#enums/absence_reason'
import { nowInParis, sqlDateTime } from '#services/sql_time'
import {
  HALF_DAY_LABELS,
  JUSTIFICATION_LABELS,
  JUSTIFICATION_TONES,
  absenceKindLabel,
  justificationOf,
  longDay,
  timeRange,
} from '#actions/absences/absence_labels'

export const ABSENCE_FILTERS = ['a_justifier', 'justifiees', 'non_justifiees', 'toutes'] as const
export type AbsenceFilter = (typeof ABSENCE_FILTERS)[number]

export const ABSENCE_FILTER_LABELS: Record<AbsenceFilter, string> = {
  a_justifier: 'À justifier',
  justifiees: 'Justifiées',
  non_justifiees: 'Non justifiées',
  toutes: 'Toutes',
}

export function absenceFilterOrDefault(value: unknown): AbsenceFilter {
  return ABSENCE_FILTERS.includes(value as AbsenceFilter) ? (value as AbsenceFilter) : 'a_justifier'
}

export type AbsenceRow = {
  id: number
  sessionId: number
  traineeName: string
  enrollmentId: number
  day: string
  halfDay: string
  time: string
  module: string
  kind: string
  reason: string | null
  hasProof: boolean
  justification: string
  tone: string
  announcedAt: DateTime | null
}

/**
 * A cohort's absences and lateness: those of sessions already begun
 * (filtered by where their justification stands, with the count of each
 * filter) and the absences trainees announced for sessions to come.
 * A bounded number of queries whatever the cohort's size.
 */
export default class ListCohortAbsences {
  async handle({
    cohort,
    filter,
    now = nowInParis(),
  }: {
    cohort: Cohort
    filter: AbsenceFilter
    now?: DateTime
  }) {
    const past = this.base(cohort).where('cs.starts_at', '<=', sqlDateTime(now))
    if (filter === 'a_justifier') past.whereNull('attendance_records.absence_justified')
    if (filter === 'justifiees') past.where('attendance_records.absence_justified', true)
    if (filter === 'non_justifiees') past.where('attendance_records.absence_justified', false)

    const [records, upcoming, counts] = await Promise.all([
      past.orderBy('cs.starts_at', 'desc').orderBy('attendance_records.id', 'asc'),
      this.base(cohort)
        .where('cs.starts_at', '>', sqlDateTime(now))
        .where('attendance_records.status', 'absent')
        .orderBy('cs.starts_at', 'asc')
        .orderBy('attendance_records.id', 'asc'),
      this.counts(cohort, now),
    ])
    return { records: records.map(row), upcoming: upcoming.map(row), counts }
  }

  private base(cohort: Cohort) {
    return AttendanceRecord.query()
      .select('attendance_records.*')
      .join('class_sessions as cs', 'cs.id', 'attendance_records.class_session_id')
      .where('attendance_records.organization_id', cohort.organizationId)
      .where('cs.cohort_id', cohort.id)
      .where('cs.is_cancelled', false)
      .whereIn('attendance_records.status', ['absent', 'late'])
      .preload('classSession', (session) => session.preload('programmeModule'))
      .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
  }

  /**
   * How many past absences each filter shows, in one query.
   */
  private async counts(cohort: Cohort, now: DateTime) {
    const rows = await AttendanceRecord.query()
      .join('class_sessions as cs', 'cs.id', 'attendance_records.class_session_id')
      .where('attendance_records.organization_id', cohort.organizationId)
      .where('cs.cohort_id', cohort.id)
      .where('cs.is_cancelled', false)
      .whereIn('attendance_records.status', ['absent', 'late'])
      .where('cs.starts_at', '<=', sqlDateTime(now))
      .select('attendance_records.absence_justified')
      .count('* as total')
      .groupBy('attendance_records.absence_justified')
    const counts: Record<AbsenceFilter, number> = {
      a_justifier: 0,
      justifiees: 0,
      non_justifiees: 0,
      toutes: 0,
    }
    for (const entry of rows) {
      const total = Number(entry.$extras.total)
      const justified = entry.absenceJustified
      counts.toutes += total
      if (justified === null) counts.a_justifier += total
      else if (justified) counts.justifiees += total
      else counts.non_justifiees += total
    }
    return counts
  }
}

function row(record: AttendanceRecord): AbsenceRow {
  const session = record.classSession
  const justification = justificationOf(record)
  return {
    id: record.id,
    sessionId: session.id,
    traineeName: record.enrollment.trainee.fullName,
    enrollmentId: record.enrollmentId,
    day: longDay(session.startsAt),
    halfDay: HALF_DAY_LABELS[session.halfDay],
    time: timeRange(session.startsAt, session.endsAt),
    module: session.programmeModule?.title ?? 'Formation',
    kind: absenceKindLabel(record),
    reason: absenceReasonLabel(record.absenceReason),
    hasProof: !!record.proofPath,
    justification: JUSTIFICATION_LABELS[justification],
    tone: JUSTIFICATION_TONES[justification],
    announcedAt: record.announcedAt,
  }
}
