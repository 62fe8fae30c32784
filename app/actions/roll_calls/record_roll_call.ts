import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ClassSession from '#models/class_session'
import type User from '#models/user'
import { loadRollCallRows, type RollCallRow } from '#actions/roll_calls/roll_call_rows'
import {
  planRollCall,
  type RollCallInput,
  type RollCallWrite,
} from '#actions/roll_calls/plan_roll_call'
import { clock, isOpenYet, isOver, opensAt } from '#actions/roll_calls/roll_call_rules'
import { changedFields, recordAudit } from '#services/audit'
import { sqlDateTime } from '#services/sql_time'
import dispatcher from '#services/dispatcher'
import logger from '@adonisjs/core/services/logger'
import { DATABASE_ERROR_ADVICE, isDatabaseError } from '#services/database_errors'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'

export type RollCallResult =
  | { saved: true; message: string }
  | {
      saved: false
      message: string
      /** Messages by field, shown on the lines. */
      errors?: Record<string, string[]>
      /** Lines whose typed values must not be shown again (someone else changed them). */
      staleKeys?: string[]
    }

/**
 * Saves the roll call of a session in one transaction: every line's
 * record created or updated in one statement, the session marked with its
 * roll call (when, by whom) and, when its own trainer saves it, signed by
 * the trainer. Changes to existing records are audited (from, to, who,
 * why, IP); after the session's end they need a reason. A refused roll
 * call (bad line, conflict, cancelled or not yet open session) writes
 * nothing.
 *
 * The session row is locked first (PostgreSQL) so that two people saving
 * at once are served one after the other: the second sees the first's
 * lines as "changed by someone else" (see planRollCall).
 */
export default class RecordRollCall {
  async handle({
    session,
    user,
    input,
    ip = null,
    now = DateTime.now(),
  }: {
    session: ClassSession
    user: User
    input: RollCallInput
    ip?: string | null
    now?: DateTime
  }): Promise<RollCallResult> {
    let result: RollCallResult
    try {
      result = await this.save({ session, user, input, ip, now })
    } catch (error) {
      // The transaction was rolled back: no line, audit or signature kept.
      if (!isDatabaseError(error)) throw error
      logger.error({ err: error, sessionId: session.id }, 'roll call not saved: database error')
      return {
        saved: false,
        message: `L’appel n’a pas pu être enregistré à cause d’une erreur de la base de données. ${DATABASE_ERROR_ADVICE} Vos saisies sont restées dans le formulaire.`,
      }
    }
    // New absences or lateness may cross a programme's alert threshold.
    if (result.saved) {
      await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: session.cohortId })
    }
    return result
  }

  private save({
    session,
    user,
    input,
    ip,
    now,
  }: {
    session: ClassSession
    user: User
    input: RollCallInput
    ip: string | null
    now: DateTime
  }): Promise<RollCallResult> {
    return db.transaction(async (trx) => {
      const fresh = await lockSession(trx, session.id)
      if (fresh.isCancelled) {
        return { saved: false, message: 'Cette séance est annulée : il n’y a pas d’appel à faire.' }
      }
      if (!isOpenYet(fresh, now)) {
        return {
          saved: false,
          message: `L’appel de cette séance ouvre à ${clock(opensAt(fresh))}, 15 minutes avant son début.`,
        }
      }

      const rows = await loadRollCallRows(fresh, { client: trx })
      const signsAsTrainer = user.isTrainer && fresh.trainerId === user.id
      const plan = planRollCall(rows, input, {
        durationMinutes: fresh.durationMinutes,
        canRecordPaper: user.isManager,
        signsAsTrainer,
        isOver: isOver(fresh, now),
        now,
      })

      // Lines changed by someone else are shown again as recorded now,
      // never as the person had them, whatever the refusal.
      const staleKeys = [...plan.conflicts, ...plan.merged].map((row) => row.key)
      if (plan.formError) {
        return { saved: false, message: plan.formError, staleKeys: rows.map((row) => row.key) }
      }
      if (Object.keys(plan.errors).length) {
        return {
          saved: false,
          message: 'L’appel n’est pas enregistré : corrigez les lignes signalées.',
          errors: plan.errors,
          staleKeys,
        }
      }
      if (plan.conflicts.length) {
        return {
          saved: false,
          message: `Quelqu’un d’autre a modifié l’appel pendant que vous le remplissiez, pour : ${names(plan.conflicts)}. Rien n’est enregistré. Ces lignes montrent maintenant la valeur enregistrée : vérifiez-les, puis enregistrez à nouveau.`,
          staleKeys,
        }
      }

      await saveRecords(trx, fresh, plan.writes, user, now)
      await recordAudit(
        trx,
        plan.writes
          .filter((entry) => entry.row.record !== null)
          .map((entry) => ({
            organizationId: fresh.organizationId,
            userId: user.id,
            action: 'attendance.updated',
            subjectType: 'attendance_records',
            subjectId: entry.row.record!.id,
            changes: changedFields(auditValue(entry.row.record!), auditValue(entry)),
            reason: input.reason?.trim() || null,
            ip,
          }))
      )

      const signing = signatureOfSession(fresh, {
        signsAsTrainer,
        input,
        isManager: user.isManager,
      })
      await trx
        .from('class_sessions')
        .where('id', fresh.id)
        .update({
          roll_call_at: sqlDateTime(now),
          roll_call_by_id: user.id,
          ...(signing
            ? { trainer_signed_at: sqlDateTime(now), trainer_signature_method: signing }
            : {}),
        })

      return { saved: true, message: summary(rows, plan.writes, plan.merged, signing) }
    })
  }
}

/**
 * Reads the session again inside the transaction, locked on PostgreSQL
 * (SQLite runs one writing transaction at a time anyway).
 */
async function lockSession(trx: TransactionClientContract, id: number) {
  const query = ClassSession.query({ client: trx }).where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.firstOrFail()
}

/**
 * One INSERT … ON CONFLICT for all the lines, whatever their number.
 * Absence details (reason, proof, announcement) are left as they are.
 */
async function saveRecords(
  trx: TransactionClientContract,
  session: ClassSession,
  writes: RollCallWrite[],
  user: User,
  now: DateTime
) {
  if (!writes.length) return
  const stamp = sqlDateTime(now)
  const at = (value: DateTime | null) => (value ? sqlDateTime(value) : null)
  const insert = trx
    .insertQuery()
    .table('attendance_records')
    .multiInsert(
      writes.map((entry) => ({
        organization_id: session.organizationId,
        class_session_id: session.id,
        enrollment_id: entry.row.enrollmentId,
        status: entry.status,
        minutes_missed: entry.minutesMissed,
        signed_at: at(entry.signedAt),
        signature_method: entry.signatureMethod,
        signature_device: entry.signatureDevice,
        signature_ip: entry.signatureIp,
        recorded_by_id: user.id,
        created_at: stamp,
        updated_at: stamp,
      }))
    )
  insert.knexQuery
    .onConflict(['class_session_id', 'enrollment_id'])
    .merge([
      'status',
      'minutes_missed',
      'signed_at',
      'signature_method',
      'signature_device',
      'signature_ip',
      'recorded_by_id',
      'updated_at',
    ])
  await insert
}

function auditValue(value: {
  status: string
  minutesMissed: number
  signatureMethod: string | null
  signedAt: DateTime | null
}) {
  return {
    status: value.status,
    minutesMissed: value.minutesMissed,
    signatureMethod: value.signatureMethod,
    signedAt: value.signedAt ? value.signedAt.toUTC().toISO() : null,
  }
}

/**
 * The trainer's signature the save gives the session, if any: the
 * session's own trainer signs it the first time they save; a coordinator
 * may record that the trainer signed the paper sheet.
 */
function signatureOfSession(
  session: ClassSession,
  options: { signsAsTrainer: boolean; input: RollCallInput; isManager: boolean }
) {
  if (session.trainerSignedAt) return null
  if (options.signsAsTrainer) return 'trainer' as const
  if (options.isManager && options.input.trainerPaper) return 'paper' as const
  return null
}

function names(rows: RollCallRow[]) {
  return rows.map((row) => row.name).join(', ')
}

/**
 * "L'appel est enregistré : 18 présents, 1 en retard, 1 absent."
 */
function summary(
  rows: RollCallRow[],
  writes: RollCallWrite[],
  merged: RollCallRow[],
  signing: 'trainer' | 'paper' | null
) {
  const written = new Map(writes.map((entry) => [entry.row.key, entry.status]))
  const counts = { present: 0, late: 0, absent: 0, none: 0 }
  for (const row of rows) {
    const status = written.get(row.key) ?? row.record?.status ?? 'none'
    counts[status]++
  }
  const parts = [
    `${counts.present} ${counts.present > 1 ? 'présents' : 'présent'}`,
    `${counts.late} en retard`,
    `${counts.absent} ${counts.absent > 1 ? 'absents' : 'absent'}`,
  ]
  if (counts.none) parts.push(`${counts.none} sans réponse`)
  let message = `L’appel est enregistré : ${parts.join(', ')}.`
  if (merged.length) {
    message += ` Les changements faits entre-temps par quelqu’un d’autre sont gardés pour : ${names(merged)}.`
  }
  if (signing === 'trainer') message += ' Vous avez signé la séance.'
  if (signing === 'paper') message += ' La signature papier du formateur est notée.'
  return message
}
