import type { HttpContext } from '@adonisjs/core/http'
import { findCohort } from '#actions/cohorts/find_cohort'
import { findAttendanceRecord } from '#actions/absences/find_attendance_record'
import { absenceFilterOrDefault } from '#actions/absences/list_cohort_absences'
import BuildCohortAbsencesPage from '#actions/absences/build_cohort_absences_page'
import BuildAbsenceEdit from '#actions/absences/build_absence_edit'
import UpdateAbsence from '#actions/absences/update_absence'
import { cohortAbsenceReasons, withCurrentReason } from '#actions/absences/absence_reasons'
import { absenceMessages, absenceUpdateValidator } from '#validators/absence'
import {
  PROOF_HINT,
  PROOF_UPLOAD_OPTIONS,
  ProofRefused,
  openProof,
  optionalProof,
  missingProofMessage,
  sendProof,
} from '#services/absence_proofs'
import { refuse } from '#services/flash_refusal'

/**
 * A cohort's absences and lateness for coordinators and admins: the list,
 * one absence's page with its history, the decision (reason, justified,
 * proof, motive of a correction) and the proof's download.
 */
export default class AbsencesController {
  async index({ auth, params, request, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const filter = absenceFilterOrDefault(request.input('filtre'))
    const page = await new BuildCohortAbsencesPage().handle({ cohort, filter })
    return view.render('pages/coordinator/absences/index', page)
  }

  async edit({ auth, params, view }: HttpContext) {
    const record = await findAttendanceRecord(auth.getUserOrFail().organizationId, params.id)
    const page = await new BuildAbsenceEdit().handle({ record })
    return view.render('pages/coordinator/absences/edit', { ...page, proofHint: PROOF_HINT })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const record = await findAttendanceRecord(user.organizationId, params.id)
    const back = () => response.redirect().toRoute('coordinator.absences.edit', { id: record.id })
    if (record.status === 'present') {
      session.flash(
        'error',
        'Le ou la stagiaire était présent·e : il n’y a pas d’absence à justifier.'
      )
      return back()
    }
    const reasons = await cohortAbsenceReasons(record.classSession.cohortId)
    const payload = await request.validateUsing(absenceUpdateValidator, {
      meta: { reasons: withCurrentReason(reasons, record.absenceReason).map((r) => r.value) },
      messagesProvider: absenceMessages,
    })
    try {
      const result = await new UpdateAbsence().handle({
        record,
        user,
        reason: payload.absence_reason ?? null,
        justified: payload.justified,
        proof: await optionalProof(request.file('proof', PROOF_UPLOAD_OPTIONS)),
        motive: payload.motive ?? null,
        ip: request.ip(),
      })
      if (result.updated) session.flash('success', 'L’absence est enregistrée.')
      else refuse(session, result.field, result.message)
    } catch (error) {
      if (!(error instanceof ProofRefused)) throw error
      refuse(session, 'proof', error.message)
    }
    return back()
  }

  /**
   * The proof, as an attachment (never shown from our own origin).
   */
  async proof({ auth, params, response, session }: HttpContext) {
    const record = await findAttendanceRecord(auth.getUserOrFail().organizationId, params.id)
    const file = record.proofPath ? await openProof(record.proofPath) : null
    if (!file) {
      session.flash('error', missingProofMessage(record.proofPath))
      return response.redirect().toRoute('coordinator.absences.edit', { id: record.id })
    }
    return sendProof(response, file)
  }
}
