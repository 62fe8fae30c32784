import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Cohort from '#models/cohort'
import type { AttendanceAlertDetails } from '#models/attendance_alert'
import type { AttendanceAlertKind } from '#enums/attendance_alert_kind'
import { ATTENDANCE_ALERT_KINDS } from '#enums/attendance_alert_kind'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import ComputeAttendance, {
  type AttendanceRules,
  type EnrollmentAttendance,
} from '#actions/attendance/compute_attendance'
import { PARIS, sqlDateTime } from '#services/sql_time'

/**
 * The low-rate alert waits until this many minutes of roll calls exist
 * for the trainee (14 h, four half-days): on the first morning one
 * absence would otherwise read as 0 %.
 */
export const RATE_ALERT_MIN_RECORDED_MINUTES = 14 * 60

export type AlertHit = {
  enrollmentId: number
  kind: AttendanceAlertKind
  details: AttendanceAlertDetails
}

/**
 * The alerts an enrollment's figures call for, by the programme's rules
 * (a threshold of 0 turns a kind off). Only trainees still in training:
 * enrolled or active, and not past their exit day.
 *
 * - `unjustified_half_days`: unjustified absent half-days (including
 *   absences not decided yet) within the last `alertWindowDays` days
 *   reach `alertUnjustifiedHalfDays`;
 * - `low_rate`: attended ÷ minutes with a roll call is under
 *   `alertMinRate`. Sessions whose roll call is missing are left out here
 *   (they are the coordinator's to fix, listed apart): a forgotten roll
 *   call must not raise an alert for every trainee of the cohort.
 */
export function alertHits(
  row: EnrollmentAttendance,
  rules: AttendanceRules,
  today: string
): AlertHit[] {
  const inTraining =
    IN_TRAINING_STATUSES.includes(row.status) && (row.exitOn === null || row.exitOn >= today)
  if (!inTraining) return []

  const hits: AlertHit[] = []
  const halfDays = row.progress.recentUnjustifiedHalfDays
  if (rules.alertUnjustifiedHalfDays > 0 && halfDays >= rules.alertUnjustifiedHalfDays) {
    hits.push({
      enrollmentId: row.enrollmentId,
      kind: 'unjustified_half_days',
      details: {
        halfDays,
        threshold: rules.alertUnjustifiedHalfDays,
        windowDays: rules.alertWindowDays,
      },
    })
  }

  const { attendedMinutes, recordedMinutes } = row.progress
  const rate = recordedMinutes > 0 ? attendedMinutes / recordedMinutes : null
  if (
    rules.alertMinRate > 0 &&
    rate !== null &&
    recordedMinutes >= RATE_ALERT_MIN_RECORDED_MINUTES &&
    rate < rules.alertMinRate
  ) {
    hits.push({
      enrollmentId: row.enrollmentId,
      kind: 'low_rate',
      details: {
        rate: Math.round(rate * 10_000) / 10_000,
        minRate: rules.alertMinRate,
        attendedMinutes,
        recordedMinutes,
      },
    })
  }
  return hits
}

/**
 * Checks a cohort's trainees against its programme's thresholds: stores
 * the alerts newly reached (an alert already unresolved for the same
 * trainee and kind is left as it is, acknowledged or not: insert-or-ignore
 * on the unique key, so running twice, even at the same time, raises
 * nothing new) and resolves those whose situation is over (the absences
 * were justified, left the window, the rate went back up, the trainee
 * left). Figures in SQL through ComputeAttendance; a fixed number of
 * queries whatever the number of trainees. Mailing is
 * NotifyAttendanceAlerts' job.
 */
export default class CheckAttendanceAlerts {
  async handle({ cohortId, now = DateTime.now() }: { cohortId: number; now?: DateTime }) {
    const cohort = await Cohort.find(cohortId)
    if (!cohort) return { raised: 0, resolved: 0 }

    const attendance = await new ComputeAttendance().forCohort(cohort, { now })
    const today = now.setZone(PARIS).toISODate()!
    const hits = attendance.enrollments.flatMap((row) => alertHits(row, attendance.rules, today))
    const stamp = sqlDateTime(now)

    return db.transaction(async (trx) => {
      let raised = 0
      if (hits.length) {
        const before = await countUnresolved(trx, cohort.id)
        await trx
          .knexQuery()
          .table('attendance_alerts')
          .insert(
            hits.map((hit) => ({
              organization_id: cohort.organizationId,
              cohort_id: cohort.id,
              enrollment_id: hit.enrollmentId,
              kind: hit.kind,
              details: JSON.stringify(hit.details),
              raised_at: stamp,
              unresolved: 1,
              created_at: stamp,
              updated_at: stamp,
            }))
          )
          .onConflict(['enrollment_id', 'kind', 'unresolved'])
          .ignore()
        raised = (await countUnresolved(trx, cohort.id)) - before
      }

      let resolved = 0
      for (const kind of ATTENDANCE_ALERT_KINDS) {
        const stillHit = hits.filter((hit) => hit.kind === kind).map((hit) => hit.enrollmentId)
        const query = trx
          .from('attendance_alerts')
          .where('cohort_id', cohort.id)
          .where('kind', kind)
          .where('unresolved', 1)
        if (stillHit.length) query.whereNotIn('enrollment_id', stillHit)
        const affected = await query.update({
          resolved_at: stamp,
          unresolved: null,
          updated_at: stamp,
        })
        resolved += affectedCount(affected)
      }
      return { raised, resolved }
    })
  }
}

async function countUnresolved(trx: TransactionClientContract, cohortId: number) {
  const [row] = await trx
    .from('attendance_alerts')
    .where('cohort_id', cohortId)
    .where('unresolved', 1)
    .count('* as total')
  return Number(row?.total ?? 0)
}

/**
 * An update's affected rows: a number on SQLite and PostgreSQL, an array
 * with some drivers.
 */
function affectedCount(affected: unknown) {
  if (Array.isArray(affected)) return Number(affected[0] ?? 0)
  return Number(affected ?? 0)
}
