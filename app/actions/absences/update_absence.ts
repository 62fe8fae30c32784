import db from '@adonisjs/lucid/services/db'
import AttendanceRecord from '#models/attendance_record'
import Enrollment from '#models/enrollment'
import type User from '#models/user'
import { changedFields, recordAudit } from '#services/audit'
import { removeProof, storeProof, type Proof } from '#services/absence_proofs'
import dispatcher from '#services/dispatcher'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'

export type JustifiedChoice = 'yes' | 'no' | 'pending'

export type AbsenceUpdate =
  | { updated: true; record: AttendanceRecord }
  | { updated: false; field: string | null; message: string }

const JUSTIFIED: Record<JustifiedChoice, boolean | null> = { yes: true, no: false, pending: null }

/**
 * A coordinator's decision on an absence or a lateness: its reason,
 * whether it is justified, a proof. Changing a value already set is a
 * correction and needs a motive. The change and its audit event (before
 * and after, who, why, from which address) are written in one
 * transaction; when anything fails nothing is written and the proof just
 * stored is removed.
 */
export default class UpdateAbsence {
  async handle({
    record,
    user,
    reason,
    justified,
    proof,
    motive,
    ip,
  }: {
    record: AttendanceRecord
    user: User
    reason: string | null
    justified: JustifiedChoice
    proof: Proof | null
    motive: string | null
    ip: string | null
  }): Promise<AbsenceUpdate> {
    const refusal = this.refusal(record, { reason, justified: JUSTIFIED[justified], proof, motive })
    if (refusal) return refusal

    const proofPath = proof ? await storeProof(record.organizationId, proof) : null
    let result: AbsenceUpdate
    try {
      result = await db.transaction(async (trx): Promise<AbsenceUpdate> => {
        const current = await AttendanceRecord.query({ client: trx })
          .where('id', record.id)
          .firstOrFail()
        const before = snapshot(current)
        current.absenceReason = reason
        current.absenceJustified = JUSTIFIED[justified]
        if (proofPath) current.proofPath = proofPath
        const changes = changedFields(before, snapshot(current))
        if (!changes) return { updated: false, field: null, message: 'Rien n’a changé.' }

        await current.save()
        await recordAudit(trx, [
          {
            organizationId: current.organizationId,
            userId: user.id,
            action: 'attendance.updated',
            subjectType: 'attendance_records',
            subjectId: current.id,
            changes,
            reason: motive,
            ip,
          },
        ])
        return { updated: true, record: current }
      })
    } catch (error) {
      await removeProof(proofPath)
      throw error
    }
    // A justification changed: unjustified half-days may now cross, or fall
    // back under, the programme's alert threshold.
    if (result.updated) {
      const enrollment = await Enrollment.findOrFail(result.record.enrollmentId)
      await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: enrollment.cohortId })
    }
    return result
  }

  /**
   * Why the change cannot be saved as asked, before anything is stored.
   */
  private refusal(
    record: AttendanceRecord,
    next: {
      reason: string | null
      justified: boolean | null
      proof: Proof | null
      motive: string | null
    }
  ): AbsenceUpdate | null {
    const corrected: string[] = []
    if (record.absenceReason !== null && record.absenceReason !== next.reason)
      corrected.push('le motif')
    if (record.absenceJustified !== null && record.absenceJustified !== next.justified) {
      corrected.push('la justification')
    }
    if (record.proofPath && next.proof) corrected.push('le justificatif')
    if (!corrected.length || next.motive) return null
    return {
      updated: false,
      field: 'motive',
      message: `Indiquez pourquoi vous corrigez ${corrected.join(', ')} : la correction et son motif sont gardés dans l’historique.`,
    }
  }
}

/**
 * The audited fields of a record, as stored.
 */
export function snapshot(record: AttendanceRecord) {
  return {
    status: record.status,
    minutes_missed: record.minutesMissed,
    absence_reason: record.absenceReason,
    absence_justified: record.absenceJustified,
    proof_path: record.proofPath,
  }
}
