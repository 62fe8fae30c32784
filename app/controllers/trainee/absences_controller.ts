import type { HttpContext } from '@adonisjs/core/http'
import BuildTraineeAbsences, {
  traineeAbsenceReasons,
} from '#actions/absences/build_trainee_absences'
import AnnounceAbsence from '#actions/absences/announce_absence'
import AddAbsenceProof from '#actions/absences/add_absence_proof'
import { findOwnAttendanceRecord } from '#actions/absences/find_attendance_record'
import { absenceAnnouncementValidator, absenceMessages } from '#validators/absence'
import {
  PROOF_HINT,
  PROOF_UPLOAD_OPTIONS,
  ProofRefused,
  openProof,
  optionalProof,
  readProof,
  missingProofMessage,
  sendProof,
} from '#services/absence_proofs'
import { refuse } from '#services/flash_refusal'

/**
 * "Mes absences" for a trainee: announce an absence in advance, send the
 * proof of a past one, see where each stands. Only ever their own.
 */
export default class AbsencesController {
  async index({ auth, view }: HttpContext) {
    const page = await new BuildTraineeAbsences().handle({ user: auth.getUserOrFail() })
    return view.render('pages/trainee/absences/index', { ...page, proofHint: PROOF_HINT })
  }

  async announce({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const reasons = await traineeAbsenceReasons(user)
    const payload = await request.validateUsing(absenceAnnouncementValidator, {
      meta: { reasons: reasons.map((reason) => reason.value) },
      messagesProvider: absenceMessages,
    })
    try {
      const result = await new AnnounceAbsence().handle({
        user,
        from: payload.from,
        to: payload.to ?? null,
        halfDay: payload.half_day,
        reason: payload.absence_reason,
        comment: payload.comment ?? null,
        proof: await optionalProof(request.file('proof', PROOF_UPLOAD_OPTIONS)),
        ip: request.ip(),
      })
      if (result.announced) {
        const count = result.sessions.length
        session.flash(
          'success',
          `Votre absence est annoncée pour ${count} séance${count > 1 ? 's' : ''}. L’équipe de coordination décidera si elle est justifiée.`
        )
      } else {
        refuse(session, result.field, result.message)
      }
    } catch (error) {
      if (!(error instanceof ProofRefused)) throw error
      refuse(session, 'proof', error.message)
    }
    return response.redirect().toRoute('trainee.absences.index')
  }

  async addProof({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const record = await findOwnAttendanceRecord(user, params.id)
    const field = `proof_${record.id}`
    const file = request.file('proof', PROOF_UPLOAD_OPTIONS)
    try {
      if (!file) throw new ProofRefused('Choisissez le fichier de votre justificatif.')
      const proof = await readProof(file)
      const result = await new AddAbsenceProof().handle({ record, user, proof, ip: request.ip() })
      if (result.added) {
        session.flash(
          'success',
          'Votre justificatif est envoyé : il attend la validation de l’équipe.'
        )
      } else {
        refuse(session, null, result.message)
      }
    } catch (error) {
      if (!(error instanceof ProofRefused)) throw error
      refuse(session, field, error.message)
    }
    return response.redirect().toRoute('trainee.absences.index')
  }

  async proof({ auth, params, response, session }: HttpContext) {
    const record = await findOwnAttendanceRecord(auth.getUserOrFail(), params.id)
    const file = record.proofPath ? await openProof(record.proofPath) : null
    if (!file) {
      session.flash('error', missingProofMessage(record.proofPath))
      return response.redirect().toRoute('trainee.absences.index')
    }
    return sendProof(response, file)
  }
}
