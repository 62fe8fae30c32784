import type { HttpContext } from '@adonisjs/core/http'
import { findCohort } from '#actions/cohorts/find_cohort'
import { findEnrollment } from '#actions/outcomes/find_enrollment'
import {
  buildCohortResultsPage,
  buildEnrollmentOutcomesPage,
  buildExitPage,
} from '#actions/outcomes/build_outcome_pages'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import RecordOutcome, { type OutcomeFacts } from '#actions/outcomes/record_outcome'
import { DENOMINATORS, type Denominator } from '#actions/outcomes/compute_outcome_rates'
import {
  dayOf,
  exitValidator,
  outcomeMessages,
  outcomeValidator,
  type OutcomePayload,
} from '#validators/outcome'
import { refuse } from '#services/flash_refusal'

/**
 * The facts of a posted form, as RecordOutcome takes them.
 */
function factsOf(payload: Omit<OutcomePayload, 'checkpoint' | 'observed_on'>): OutcomeFacts {
  return {
    situation: payload.situation,
    contractType: payload.contract_type ?? null,
    contractMonths: payload.contract_months ?? null,
    workingTime: payload.working_time ?? null,
    contractStartOn: dayOf(payload.contract_start_on),
    partnerCompanyId: payload.partner_company_id ?? null,
    employerName: payload.employer_name ?? null,
    employerSiret: payload.employer_siret ?? null,
    jobTitle: payload.job_title ?? null,
  }
}

/**
 * Exits and outcomes for coordinators and admins: closing an enrollment,
 * its observations per checkpoint, and a cohort's rates by funder
 * definition.
 */
export default class OutcomesController {
  async exitForm({ auth, params, response, session, view }: HttpContext) {
    const enrollment = await findEnrollment(auth.getUserOrFail().organizationId, params.id)
    if (enrollment.exitOn) {
      session.flash(
        'error',
        'La sortie est déjà enregistrée : voici le parcours après la formation.'
      )
      return response.redirect().toRoute('coordinator.enrollments.outcomes.show', {
        id: enrollment.id,
      })
    }
    return view.render('pages/coordinator/outcomes/exit', await buildExitPage(enrollment))
  }

  async close({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await findEnrollment(user.organizationId, params.id)
    const payload = await request.validateUsing(exitValidator, {
      messagesProvider: outcomeMessages,
    })
    const result = await new CloseEnrollment().handle({
      enrollment,
      exitOn: dayOf(payload.exit_on)!,
      reason: payload.exit_reason,
      certificationResult: payload.certification_result ?? null,
      situation: factsOf(payload),
      source: payload.source,
      recordedBy: user,
      ip: request.ip(),
    })
    if (!result.closed) {
      refuse(session, result.field, result.message)
      return response.redirect().toRoute('coordinator.enrollments.exit.show', { id: enrollment.id })
    }
    session.flash(
      'success',
      'La sortie est enregistrée. Les suivis à 3, 6 et 12 mois sont programmés.'
    )
    return response.redirect().toRoute('coordinator.enrollments.outcomes.show', {
      id: enrollment.id,
    })
  }

  async show({ auth, params, view }: HttpContext) {
    const enrollment = await findEnrollment(auth.getUserOrFail().organizationId, params.id)
    return view.render(
      'pages/coordinator/outcomes/show',
      await buildEnrollmentOutcomesPage(enrollment)
    )
  }

  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await findEnrollment(user.organizationId, params.id)
    const back = () =>
      response.redirect().toRoute('coordinator.enrollments.outcomes.show', { id: enrollment.id })
    if (!enrollment.exitOn) {
      // Checked before validation so the message is the same whatever was typed.
      session.flash(
        'error',
        'Cette personne est encore en formation : enregistrez d’abord sa sortie, le suivi viendra ensuite.'
      )
      return back()
    }
    const payload = await request.validateUsing(outcomeValidator, {
      messagesProvider: outcomeMessages,
    })
    const result = await new RecordOutcome().handle({
      enrollment,
      checkpoint: payload.checkpoint,
      facts: { ...factsOf(payload), observedOn: dayOf(payload.observed_on) },
      source: payload.source,
      recordedBy: user,
      knownOutcomeId: payload.known_outcome_id,
    })
    if (!result.recorded) {
      refuse(session, result.field, result.message)
      return back()
    }
    session.flash(
      'success',
      result.flagged
        ? 'L’observation est enregistrée, marquée « à vérifier » : le contrat commencerait avant le début de la formation.'
        : 'L’observation est enregistrée.'
    )
    return back()
  }

  async results({ auth, params, request, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const asked = request.input('base')
    const denominator: Denominator = DENOMINATORS.includes(asked) ? asked : 'exits'
    return view.render(
      'pages/coordinator/outcomes/results',
      await buildCohortResultsPage(cohort, denominator)
    )
  }
}
