import type { DateTime } from 'luxon'
import AttendanceRecord from '#models/attendance_record'
import type User from '#models/user'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import { absenceReasonLabel, type AbsenceReasonOption } from '#enums/absence_reason'
import { nowInParis } from '#services/sql_time'
import { absenceReasonsByCohort } from '#actions/absences/absence_reasons'
import { traineeEnrollments } from '#actions/absences/trainee_enrollments'
import {
  HALF_DAY_LABELS,
  JUSTIFICATION_LABELS,
  JUSTIFICATION_TONES,
  absenceKindLabel,
  justificationOf,
  longDay,
  timeRange,
} from '#actions/absences/absence_labels'

/**
 * "Mes absences": what the trainee can announce (the reasons of their
 * cohorts), the absences they announced for sessions to come, and their
 * past absences and lateness with where each justification stands.
 */
export default class BuildTraineeAbsences {
  async handle({ user, now = nowInParis() }: { user: User; now?: DateTime }) {
    const enrollments = await traineeEnrollments(user)
    const inTraining = enrollments.filter((enrollment) =>
      IN_TRAINING_STATUSES.includes(enrollment.status)
    )
    const cohortIds = [...new Set(inTraining.map((enrollment) => enrollment.cohortId))]
    const [reasonsByCohort, records] = await Promise.all([
      absenceReasonsByCohort(cohortIds),
      AttendanceRecord.query()
        .select('attendance_records.*')
        .join('class_sessions as cs', 'cs.id', 'attendance_records.class_session_id')
        .whereIn(
          'attendance_records.enrollment_id',
          enrollments.map((enrollment) => enrollment.id)
        )
        .where('cs.is_cancelled', false)
        .whereIn('attendance_records.status', ['absent', 'late'])
        .preload('classSession', (session) => session.preload('programmeModule'))
        .orderBy('cs.starts_at', 'asc'),
    ])

    const reasons = mergeReasons(reasonsByCohort.values())
    const lines = records.map((record) => line(record, now))
    return {
      canAnnounce: inTraining.length > 0,
      today: now.toISODate()!,
      reasons,
      upcoming: lines.filter((entry) => entry.isUpcoming),
      past: lines.filter((entry) => !entry.isUpcoming).reverse(),
    }
  }
}

/**
 * The reasons a trainee may choose: those of the cohorts they are in
 * training in, each once.
 */
export async function traineeAbsenceReasons(user: User) {
  const enrollments = await traineeEnrollments(user)
  const cohortIds = enrollments
    .filter((enrollment) => IN_TRAINING_STATUSES.includes(enrollment.status))
    .map((enrollment) => enrollment.cohortId)
  const reasons = await absenceReasonsByCohort([...new Set(cohortIds)])
  return mergeReasons(reasons.values())
}

function mergeReasons(lists: Iterable<AbsenceReasonOption[]>) {
  const reasons: AbsenceReasonOption[] = []
  for (const options of lists) {
    for (const option of options) {
      if (!reasons.some((known) => known.value === option.value)) reasons.push(option)
    }
  }
  return reasons
}

function line(record: AttendanceRecord, now: DateTime) {
  const session = record.classSession
  const justification = justificationOf(record)
  return {
    id: record.id,
    isUpcoming: session.startsAt > now,
    day: longDay(session.startsAt),
    halfDay: HALF_DAY_LABELS[session.halfDay],
    time: timeRange(session.startsAt, session.endsAt),
    module: session.programmeModule?.title ?? 'Formation',
    kind: absenceKindLabel(record),
    reason: absenceReasonLabel(record.absenceReason),
    hasProof: !!record.proofPath,
    justification,
    justificationLabel: JUSTIFICATION_LABELS[justification],
    tone: JUSTIFICATION_TONES[justification],
    canSendProof: record.absenceJustified !== true,
  }
}
