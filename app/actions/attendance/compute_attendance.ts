import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Cohort from '#models/cohort'
import type Enrollment from '#models/enrollment'
import Programme from '#models/programme'
import ClassSession from '#models/class_session'
import type { EnrollmentStatus } from '#enums/enrollment_status'
import { attendedFromMinutesSql, sessionMinutesSql } from '#services/attendance_rules'
import { parisDaySql, parisHalfDayKeySql } from '#services/paris_time_sql'
import { PARIS, sqlDate, sqlDateTime } from '#services/sql_time'

/*
|--------------------------------------------------------------------------
| Hours and rates (DESIGN.md "Hours"), computed in one place
|--------------------------------------------------------------------------
|
| Every page, job and document that shows a trainee's or a cohort's hours
| asks this module. Per session the rule is #services/attendance_rules;
| here it is summed, in SQL, one grouped query for all the enrollments
| asked (never one query per trainee):
|
| - planned: the sessions of the cohort that are not cancelled, have ended
|   (`ends_at <= now`) and fall within the enrollment's dates: from
|   `starts_on` to `ends_on` and to `exit_on` (the last day of a trainee
|   who left), both included, by their Paris calendar day;
| - attended: planned minus minutes missed when present or late, 0 when
|   absent (the per-session rule);
| - missed: the minutes lost to late arrivals and early leaves;
| - absence minutes: justified when `absence_justified` is true,
|   unjustified otherwise (false, or not decided yet: "à justifier");
| - not recorded: planned sessions without an attendance record for the
|   trainee (usually a missing roll call). They count as planned and not
|   attended, never guessed; the coordinator sees them listed.
|   planned = attended + missed + justified + unjustified + not recorded;
| - rate = attended ÷ planned (null before any planned session);
| - the programme's minimum: `programmes.min_attendance_rate` (default
|   80 %) of the hours planned for the whole enrollment (past and future
|   sessions within its dates), so a trainee who starts mid-cohort is held
|   to the hours of her own schedule, not to the programme's total. The
|   hours still needed are the minimum minus the hours attended; the
|   minimum is reachable while attended + not recorded + sessions to come
|   reach it.
|
| A date range (Paris calendar days, both included; default: the cohort's
| start, open-ended) narrows the planned/attended/absence figures, e.g. to
| a month for the monthly statement. The `progress` figures (minimum,
| hours to come) always cover the whole enrollment up to `now`.
|
*/

export type AttendanceFigures = {
  /** Minutes of the planned sessions (past, not cancelled, in the dates). */
  plannedMinutes: number
  plannedSessions: number
  attendedMinutes: number
  /** Minutes lost to late arrivals and early leaves. */
  missedMinutes: number
  justifiedAbsenceMinutes: number
  /** Absences not justified, including those still to be justified. */
  unjustifiedAbsenceMinutes: number
  /** Planned sessions with no attendance record for the trainee. */
  notRecordedMinutes: number
  /** Distinct Paris half-days with an unjustified absence. */
  unjustifiedHalfDays: number
  /** attended ÷ planned, null before any planned session. */
  rate: number | null
}

export type AttendanceProgress = {
  /** The whole enrollment up to `now`, whatever the range. */
  pastMinutes: number
  attendedMinutes: number
  notRecordedMinutes: number
  /** Past minutes with an attendance record (the low-rate alert's base). */
  recordedMinutes: number
  rate: number | null
  /** Sessions of the enrollment not ended yet (not cancelled). */
  remainingMinutes: number
  /** All the enrollment's sessions: past + remaining. */
  expectedMinutes: number
  /** The programme's minimum share of the expected minutes, rounded up. */
  minimumMinutes: number
  /** Minutes still to attend to reach the minimum (0 once reached). */
  neededMinutes: number
  /** The most the trainee can still reach: attended + not recorded + remaining. */
  possibleMinutes: number
  reachable: boolean
  /** Unjustified absent half-days within the programme's alert window. */
  recentUnjustifiedHalfDays: number
}

export type EnrollmentAttendance = AttendanceFigures & {
  enrollmentId: number
  cohortId: number
  traineeId: number
  fullName: string
  firstName: string
  lastName: string
  status: EnrollmentStatus
  startsOn: string
  endsOn: string | null
  exitOn: string | null
  progress: AttendanceProgress
  /** Under the programme's minimum rate, or the minimum is out of reach. */
  warning: boolean
}

export type AttendanceRules = {
  minAttendanceRate: number
  alertUnjustifiedHalfDays: number
  alertWindowDays: number
  alertMinRate: number
}

export type CohortAttendance = {
  cohortId: number
  rules: AttendanceRules
  range: { from: DateTime; to: DateTime | null; now: DateTime; windowStart: DateTime }
  enrollments: EnrollmentAttendance[]
  /** Sums over the enrollments; the rate is their attended ÷ their planned. */
  totals: AttendanceFigures
}

export type AttendanceOptions = {
  /** First Paris calendar day counted (default: the cohort's start). */
  from?: DateTime
  /** Last Paris calendar day counted, included (default: none). */
  to?: DateTime | null
  /** Sessions count once ended by this moment (default: now). */
  now?: DateTime
  client?: QueryClientContract
}

/**
 * The defaults of migration 0012, for a programme read before it ran.
 */
const DEFAULT_RULES: AttendanceRules = {
  minAttendanceRate: 0.8,
  alertUnjustifiedHalfDays: 3,
  alertWindowDays: 30,
  alertMinRate: 0.8,
}

/**
 * The programme's attendance rules, with the defaults for what is unset.
 */
export function attendanceRules(programme: Programme): AttendanceRules {
  const pick = (value: unknown, fallback: number) =>
    value === null || value === undefined || Number.isNaN(Number(value)) ? fallback : Number(value)
  return {
    minAttendanceRate: pick(programme.minAttendanceRate, DEFAULT_RULES.minAttendanceRate),
    alertUnjustifiedHalfDays: pick(
      programme.alertUnjustifiedHalfDays,
      DEFAULT_RULES.alertUnjustifiedHalfDays
    ),
    alertWindowDays: pick(programme.alertWindowDays, DEFAULT_RULES.alertWindowDays),
    alertMinRate: pick(programme.alertMinRate, DEFAULT_RULES.alertMinRate),
  }
}

/**
 * Hours and rates per enrollment and per cohort. HTTP-free; a constant
 * number of queries whatever the number of trainees.
 */
export default class ComputeAttendance {
  /**
   * Every enrollment of the cohort (or those asked), trainees who left
   * included, ordered by name; with the cohort's totals.
   */
  async forCohort(
    cohort: Cohort,
    options: AttendanceOptions & { enrollmentIds?: number[] } = {}
  ): Promise<CohortAttendance> {
    const client = options.client ?? db.connection()
    const programme = await Programme.query({ client })
      .where('id', cohort.programmeId)
      .firstOrFail()
    const rules = attendanceRules(programme)
    const now = options.now ?? DateTime.now()
    const from = options.from ?? cohort.startsOn
    const to = options.to ?? null
    const windowStart = now
      .setZone(PARIS)
      .startOf('day')
      .minus({ days: Math.max(1, rules.alertWindowDays) - 1 })

    const rows = await this.#query(client, {
      cohortId: cohort.id,
      organizationId: cohort.organizationId,
      enrollmentIds: options.enrollmentIds,
      now,
      from,
      to,
      windowStart,
    })
    const enrollments = rows.map((row) => toEnrollmentAttendance(row, cohort.id, rules))
    return {
      cohortId: cohort.id,
      rules,
      range: { from, to, now, windowStart },
      enrollments,
      totals: sumFigures(enrollments),
    }
  }

  /**
   * One enrollment's figures, e.g. for the trainee's page or a monthly
   * statement (`from`/`to` the month's first and last days).
   */
  async forEnrollment(
    enrollment: Enrollment,
    options: AttendanceOptions = {}
  ): Promise<EnrollmentAttendance & { rules: AttendanceRules }> {
    const client = options.client ?? db.connection()
    const cohort = await Cohort.query({ client }).where('id', enrollment.cohortId).firstOrFail()
    const result = await this.forCohort(cohort, {
      ...options,
      client,
      enrollmentIds: [enrollment.id],
    })
    return { ...result.enrollments[0], rules: result.rules }
  }

  async #query(
    client: QueryClientContract,
    params: {
      cohortId: number
      organizationId: number
      enrollmentIds?: number[]
      now: DateTime
      from: DateTime
      to: DateTime | null
      windowStart: DateTime
    }
  ): Promise<Row[]> {
    // Each session's minutes, Paris day and half-day are computed once, in
    // a materialized CTE, not once per trainee and per aggregate.
    const sessions = client
      .from('class_sessions as cs')
      .where('cs.cohort_id', params.cohortId)
      .where('cs.organization_id', params.organizationId)
      .whereRaw('cs.is_cancelled = false')
      .select(
        'cs.id',
        'cs.ends_at',
        db.raw(`${sessionMinutesSql('cs')} as minutes`),
        db.raw(`${parisDaySql('cs.starts_at')} as day`),
        db.raw(`${parisHalfDayKeySql('cs.starts_at')} as half_day`)
      )
    const minutes = 's.minutes'
    const attended = attendedFromMinutesSql(minutes, 'ar')
    const day = 's.day'
    const halfDay = 's.half_day'
    const now = sqlDateTime(params.now)

    const past = 's.ends_at <= ?'
    const inRange = `(${past} and ${day} >= ?${params.to ? ` and ${day} <= ?` : ''})`
    const rangeBindings = [now, sqlDate(params.from), ...(params.to ? [sqlDate(params.to)] : [])]
    const absent = `ar.status = 'absent'`
    const justified = `ar.absence_justified = true`
    const unjustified = `(ar.absence_justified is null or ar.absence_justified = false)`
    const sum = (condition: string, value: string, alias: string, bindings: unknown[]) =>
      db.raw(`sum(case when ${condition} then ${value} else 0 end) as ${alias}`, bindings)
    const halfDays = (condition: string, alias: string, bindings: unknown[]) =>
      db.raw(`count(distinct case when ${condition} then ${halfDay} end) as ${alias}`, bindings)

    const query = client
      .from('enrollments as e')
      .withMaterialized('s', sessions)
      .join('trainees as t', 't.id', 'e.trainee_id')
      .joinRaw(
        `left join s on ${day} >= e.starts_on
          and (e.ends_on is null or ${day} <= e.ends_on)
          and (e.exit_on is null or ${day} <= e.exit_on)`
      )
      .joinRaw(
        'left join attendance_records as ar on ar.class_session_id = s.id and ar.enrollment_id = e.id'
      )
      .where('e.cohort_id', params.cohortId)
      .where('e.organization_id', params.organizationId)
      .select(
        'e.id as enrollment_id',
        'e.status',
        'e.starts_on',
        'e.ends_on',
        'e.exit_on',
        't.id as trainee_id',
        't.first_name',
        't.last_name'
      )
      .select(
        sum(inRange, minutes, 'planned_minutes', rangeBindings),
        db.raw(`count(case when ${inRange} then 1 end) as planned_sessions`, rangeBindings),
        sum(inRange, attended, 'attended_minutes', rangeBindings),
        sum(
          `${inRange} and ar.status in ('present', 'late')`,
          `(${minutes} - ${attended})`,
          'missed_minutes',
          rangeBindings
        ),
        sum(
          `${inRange} and ${absent} and ${justified}`,
          minutes,
          'justified_absence_minutes',
          rangeBindings
        ),
        sum(
          `${inRange} and ${absent} and ${unjustified}`,
          minutes,
          'unjustified_absence_minutes',
          rangeBindings
        ),
        sum(`${inRange} and ar.id is null`, minutes, 'not_recorded_minutes', rangeBindings),
        halfDays(
          `${inRange} and ${absent} and ${unjustified}`,
          'unjustified_half_days',
          rangeBindings
        ),
        sum(past, minutes, 'all_past_minutes', [now]),
        sum(past, attended, 'all_attended_minutes', [now]),
        sum(`${past} and ar.id is null`, minutes, 'all_not_recorded_minutes', [now]),
        sum('s.ends_at > ?', minutes, 'remaining_minutes', [now]),
        halfDays(`${past} and ${day} >= ? and ${absent} and ${unjustified}`, 'recent_half_days', [
          now,
          sqlDate(params.windowStart),
        ])
      )
      .groupBy(
        'e.id',
        'e.status',
        'e.starts_on',
        'e.ends_on',
        'e.exit_on',
        't.id',
        't.first_name',
        't.last_name'
      )
      .orderBy('t.last_name')
      .orderBy('t.first_name')
      .orderBy('e.id')

    if (params.enrollmentIds) query.whereIn('e.id', params.enrollmentIds)
    return query
  }
}

type Row = Record<string, unknown>

function toEnrollmentAttendance(
  row: Row,
  cohortId: number,
  rules: AttendanceRules
): EnrollmentAttendance {
  const n = (key: string) => Number(row[key] ?? 0)
  const figures: AttendanceFigures = {
    plannedMinutes: n('planned_minutes'),
    plannedSessions: n('planned_sessions'),
    attendedMinutes: n('attended_minutes'),
    missedMinutes: n('missed_minutes'),
    justifiedAbsenceMinutes: n('justified_absence_minutes'),
    unjustifiedAbsenceMinutes: n('unjustified_absence_minutes'),
    notRecordedMinutes: n('not_recorded_minutes'),
    unjustifiedHalfDays: n('unjustified_half_days'),
    rate: ratio(n('attended_minutes'), n('planned_minutes')),
  }

  const pastMinutes = n('all_past_minutes')
  const attendedMinutes = n('all_attended_minutes')
  const notRecordedMinutes = n('all_not_recorded_minutes')
  const remainingMinutes = n('remaining_minutes')
  const expectedMinutes = pastMinutes + remainingMinutes
  const minimumMinutes = Math.ceil(rules.minAttendanceRate * expectedMinutes - 1e-9)
  const possibleMinutes = attendedMinutes + notRecordedMinutes + remainingMinutes
  const progress: AttendanceProgress = {
    pastMinutes,
    attendedMinutes,
    notRecordedMinutes,
    recordedMinutes: pastMinutes - notRecordedMinutes,
    rate: ratio(attendedMinutes, pastMinutes),
    remainingMinutes,
    expectedMinutes,
    minimumMinutes,
    neededMinutes: Math.max(0, minimumMinutes - attendedMinutes),
    possibleMinutes,
    reachable: possibleMinutes >= minimumMinutes,
    recentUnjustifiedHalfDays: n('recent_half_days'),
  }

  const firstName = String(row.first_name ?? '')
  const lastName = String(row.last_name ?? '')
  return {
    ...figures,
    enrollmentId: n('enrollment_id'),
    cohortId,
    traineeId: n('trainee_id'),
    firstName,
    lastName,
    fullName: `${firstName} ${lastName}`.trim(),
    status: row.status as EnrollmentStatus,
    startsOn: dateString(row.starts_on)!,
    endsOn: dateString(row.ends_on),
    exitOn: dateString(row.exit_on),
    progress,
    warning:
      (progress.rate !== null && progress.rate < rules.minAttendanceRate) || !progress.reachable,
  }
}

/**
 * The cohort's figures: the sums of its enrollments'.
 */
export function sumFigures(rows: AttendanceFigures[]): AttendanceFigures {
  const total = (key: keyof Omit<AttendanceFigures, 'rate'>) =>
    rows.reduce((sum, row) => sum + row[key], 0)
  const plannedMinutes = total('plannedMinutes')
  const attendedMinutes = total('attendedMinutes')
  return {
    plannedMinutes,
    plannedSessions: total('plannedSessions'),
    attendedMinutes,
    missedMinutes: total('missedMinutes'),
    justifiedAbsenceMinutes: total('justifiedAbsenceMinutes'),
    unjustifiedAbsenceMinutes: total('unjustifiedAbsenceMinutes'),
    notRecordedMinutes: total('notRecordedMinutes'),
    unjustifiedHalfDays: total('unjustifiedHalfDays'),
    rate: ratio(attendedMinutes, plannedMinutes),
  }
}

function ratio(part: number, whole: number) {
  return whole > 0 ? part / whole : null
}

/**
 * A DATE column as 'yyyy-MM-dd' (strings on both databases, see
 * config/database.ts; a Date object just in case).
 */
function dateString(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()
  return String(value).slice(0, 10)
}

/**
 * The cohort's past sessions, not cancelled, whose roll call was never
 * saved (`roll_call_at` null), oldest first, with their module and
 * trainer: three queries whatever their number.
 */
export async function missingRollCalls(
  cohort: Cohort,
  options: { now?: DateTime; client?: QueryClientContract } = {}
) {
  const now = options.now ?? DateTime.now()
  return ClassSession.query({ client: options.client })
    .where('organization_id', cohort.organizationId)
    .where('cohort_id', cohort.id)
    .where('is_cancelled', false)
    .whereNull('roll_call_at')
    .where('ends_at', '<=', sqlDateTime(now))
    .preload('programmeModule')
    .preload('trainer')
    .orderBy('starts_at')
}

/**
 * The cohort's schedule so far, whoever is enrolled: its past sessions
 * (not cancelled) and their minutes, and the minutes still to come.
 */
export async function cohortSchedule(
  cohort: Cohort,
  options: { now?: DateTime; client?: QueryClientContract } = {}
) {
  const client = options.client ?? db.connection()
  const now = sqlDateTime(options.now ?? DateTime.now())
  const minutes = sessionMinutesSql('cs')
  const [row] = await client
    .from('class_sessions as cs')
    .where('cs.organization_id', cohort.organizationId)
    .where('cs.cohort_id', cohort.id)
    .where('cs.is_cancelled', false)
    .select(
      db.raw(`count(case when cs.ends_at <= ? then 1 end) as past_sessions`, [now]),
      db.raw(`sum(case when cs.ends_at <= ? then ${minutes} else 0 end) as past_minutes`, [now]),
      db.raw(`sum(case when cs.ends_at > ? then ${minutes} else 0 end) as remaining_minutes`, [now])
    )
  return {
    pastSessions: Number(row?.past_sessions ?? 0),
    pastMinutes: Number(row?.past_minutes ?? 0),
    remainingMinutes: Number(row?.remaining_minutes ?? 0),
  }
}
