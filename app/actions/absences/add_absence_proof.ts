import db from '@adonisjs/lucid/services/db'
import AttendanceRecord from '#models/attendance_record'
import type User from '#models/user'
import { changedFields, recordAudit } from '#services/audit'
import { removeProof, storeProof, type Proof } from '#services/absence_proofs'
import { snapshot } from '#actions/absences/update_absence'

export type ProofAddition = { added: true } | { added: false; message: string }

/**
 * A trainee sends the proof of one of their absences or lateness: it
 * waits for the coordinator's decision (an absence judged unjustified
 * goes back to "waiting"). An absence already justified needs nothing
 * more. Record and audit event in one transaction; on failure nothing is
 * written and the stored file is removed.
 */
export default class AddAbsenceProof {
  async handle({
    record,
    user,
    proof,
    ip,
  }: {
    record: AttendanceRecord
    user: User
    proof: Proof
    ip: string | null
  }): Promise<ProofAddition> {
    if (record.status === 'present') {
      return {
        added: false,
        message: 'Vous étiez présent·e à cette séance : il n’y a rien à justifier.',
      }
    }
    if (record.absenceJustified === true) {
      return {
        added: false,
        message: 'Cette absence est déjà justifiée : il n’y a rien à envoyer.',
      }
    }

    const proofPath = await storeProof(record.organizationId, proof)
    try {
      await db.transaction(async (trx) => {
        const current = await AttendanceRecord.query({ client: trx })
          .where('id', record.id)
          .firstOrFail()
        const before = snapshot(current)
        current.proofPath = proofPath
        if (current.absenceJustified === false) current.absenceJustified = null
        await current.save()
        await recordAudit(trx, [
          {
            organizationId: current.organizationId,
            userId: user.id,
            action: 'attendance.proof_added',
            subjectType: 'attendance_records',
            subjectId: current.id,
            changes: changedFields(before, snapshot(current)),
            ip,
          },
        ])
      })
    } catch (error) {
      await removeProof(proofPath)
      throw error
    }
    return { added: true }
  }
}
