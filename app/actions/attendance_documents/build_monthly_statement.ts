import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import type Cohort from '#models/cohort'
import type Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import { absenceReasonLabel } from '#enums/absence_reason'
import { attendedMinutes } from '#services/attendance_rules'
import { PARIS, nowInParis, sqlDateTime } from '#services/sql_time'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import { isEnrolledOn } from '#actions/absences/enrolled_on'
import { HALF_DAY_LABELS, minutesLabel, timeRange } from '#actions/absences/absence_labels'

export type StatementFigures = {
  plannedHours: number
  attendedHours: number
  /** Late arrivals and early leaves. */
  missedHours: number
  justifiedAbsenceHours: number
  /** Not justified, or not decided yet. */
  unjustifiedAbsenceHours: number
}

export type StatementRow = StatementFigures & {
  /** The day, at midnight Paris time. */
  date: DateTime
  dayLabel: string
  halfDay: string
  time: string
  module: string
  presence: string
  reason: string | null
}

export type MonthlyStatement = {
  organization: { name: string; siret: string | null; nda: string | null }
  programme: string
  cohort: { name: string; startsOn: DateTime; endsOn: DateTime }
  trainee: { name: string; lastName: string; firstName: string; franceTravailId: string | null }
  month: DateTime
  monthLabel: string
  rows: StatementRow[]
  totals: StatementFigures & { notRecordedHours: number; rate: number | null }
  editedAt: DateTime
}

/**
 * The month asked for in `?mois=2026-11`, or the current one (Paris).
 */
export function askedMonth(value: unknown, now: DateTime = nowInParis()) {
  if (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) {
    const month = DateTime.fromFormat(value, 'yyyy-MM', { zone: PARIS })
    if (month.isValid && month.year >= 2000 && month.year <= 2100) return month.startOf('month')
  }
  return now.setZone(PARIS).startOf('month')
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/**
 * A trainee's monthly attendance statement ("état de présence"), used for
 * remuneration and funders' claims: each session of the month already
 * held (cancelled ones left out), within the enrollment's dates, with its
 * planned hours, the hours attended (the rule of #services/attendance_rules),
 * the hours lost to lateness and the hours of absence, justified or not,
 * with the reason. The totals are ComputeAttendance's for the month, the
 * one place hours are summed; the rows add up to them. A session without
 * an attendance record counts as planned and not attended, and says so.
 */
export default class BuildMonthlyStatement {
  async handle({
    cohort,
    enrollment,
    month,
    now = nowInParis(),
  }: {
    cohort: Cohort
    enrollment: Enrollment
    month: DateTime
    now?: DateTime
  }): Promise<MonthlyStatement> {
    await cohort.load((loader) => loader.load('organization').load('programme'))
    await enrollment.load('trainee')
    const start = month.setZone(PARIS).startOf('month')
    const end = start.plus({ months: 1 })
    const [monthSessions, figures] = await Promise.all([
      ClassSession.query()
        .where('cohort_id', cohort.id)
        .where('is_cancelled', false)
        .where('starts_at', '>=', sqlDateTime(start))
        .where('starts_at', '<', sqlDateTime(end))
        .where('ends_at', '<=', sqlDateTime(now))
        .preload('programmeModule')
        .orderBy('starts_at', 'asc')
        .orderBy('id', 'asc'),
      new ComputeAttendance().forEnrollment(enrollment, {
        from: start,
        to: end.minus({ days: 1 }),
        now,
      }),
    ])
    const sessions = monthSessions.filter((session) => isEnrolledOn(enrollment, session.startsAt))
    const records = sessions.length
      ? await AttendanceRecord.query()
          .where('enrollment_id', enrollment.id)
          .whereIn(
            'class_session_id',
            sessions.map((session) => session.id)
          )
      : []
    const bySession = new Map(records.map((record) => [record.classSessionId, record]))
    const trainee = enrollment.trainee
    return {
      organization: {
        name: cohort.organization.name,
        siret: cohort.organization.siret,
        nda: cohort.organization.nda,
      },
      programme: cohort.programme.title,
      cohort: { name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
      trainee: {
        name: `${trainee.lastName.toLocaleUpperCase('fr')} ${trainee.firstName}`,
        lastName: trainee.lastName,
        firstName: trainee.firstName,
        franceTravailId: trainee.franceTravailId,
      },
      month: start,
      monthLabel: start.setLocale('fr').toFormat('LLLL yyyy'),
      rows: sessions.map((session) => row(session, bySession.get(session.id) ?? null)),
      totals: {
        plannedHours: hours(figures.plannedMinutes),
        attendedHours: hours(figures.attendedMinutes),
        missedHours: hours(figures.missedMinutes),
        justifiedAbsenceHours: hours(figures.justifiedAbsenceMinutes),
        unjustifiedAbsenceHours: hours(figures.unjustifiedAbsenceMinutes),
        notRecordedHours: hours(figures.notRecordedMinutes),
        rate: figures.rate,
      },
      editedAt: now,
    }
  }
}

function row(session: ClassSession, record: AttendanceRecord | null): StatementRow {
  const startsAt = session.startsAt.setZone(PARIS).setLocale('fr')
  const duration = session.durationMinutes
  const attended = attendedMinutes(duration, record)
  const absent = record?.status === 'absent'
  const justified = record?.absenceJustified === true
  const decision = justified
    ? 'justifiée'
    : record?.absenceJustified === false
      ? 'non justifiée'
      : 'à justifier'
  const missed = record && !absent ? duration - attended : 0
  const presence = !record
    ? 'Présence non enregistrée'
    : absent
      ? `Absent·e, absence ${decision}`
      : missed > 0
        ? `Retard ou départ anticipé (${minutesLabel(missed)})${record.absenceReason ? `, ${decision}` : ''}`
        : 'Présent·e'
  return {
    date: startsAt.startOf('day'),
    dayLabel: startsAt.toFormat('ccc dd/MM/yyyy'),
    halfDay: HALF_DAY_LABELS[session.halfDay],
    time: timeRange(session.startsAt, session.endsAt),
    module: session.programmeModule?.title ?? 'Formation',
    plannedHours: hours(duration),
    attendedHours: hours(attended),
    missedHours: hours(missed),
    justifiedAbsenceHours: absent && justified ? hours(duration) : 0,
    unjustifiedAbsenceHours: absent && !justified ? hours(duration) : 0,
    presence,
    reason: absenceReasonLabel(record?.absenceReason),
  }
}
