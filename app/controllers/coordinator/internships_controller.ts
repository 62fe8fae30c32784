import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import type Internship from '#models/internship'
import { findCohort } from '#actions/cohorts/find_cohort'
import { findEnrollment, findInternship } from '#actions/internships/find_internship'
import BuildCohortInternships from '#actions/internships/build_cohort_internships'
import SaveInternship from '#actions/internships/save_internship'
import MoveInternship from '#actions/internships/move_internship'
import StoreSignedAgreement, {
  SCAN_HINT,
  SCAN_UPLOAD_OPTIONS,
  openSignedAgreement,
} from '#actions/internships/signed_agreement'
import {
  EDITABLE_STATUSES,
  KIND_LABELS,
  MOVE_LABELS,
  NEXT_STATUSES,
  STATUS_LABELS,
  STATUS_TONES,
  formatHours,
} from '#actions/internships/internship_labels'
import { MAX_WEEKLY_HOURS } from '#actions/internships/internship_rules'
import { MOVE_DATE_COLUMNS } from '#actions/internships/move_internship'
import {
  internshipMessages,
  internshipMoveValidator,
  internshipValidator,
} from '#validators/internship'
import { buildInternshipAgreementPdf } from '#exports/internship_agreement_pdf'
import { fileSlug, streamPdf } from '#exports/pdf_document'
import { refuse } from '#services/flash_refusal'
import { sendProof } from '#services/absence_proofs'

/**
 * The select lists of the internship form: the organisation's companies,
 * and their contacts as tutors (named with their company).
 */
async function formOptions(organizationId: number) {
  const organization = await Organization.findOrFail(organizationId)
  const [companies, contacts] = await Promise.all([
    organization.related('partnerCompanies').query().orderBy('name'),
    organization.related('companyContacts').query().preload('partnerCompany').orderBy('full_name'),
  ])
  return {
    companyOptions: companies.map((company) => ({ value: company.id, label: company.name })),
    tutorOptions: contacts.map((contact) => ({
      value: contact.id,
      label: `${contact.fullName} – ${contact.partnerCompany.name}`,
    })),
    kindOptions: Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label })),
    maxWeeklyHours: MAX_WEEKLY_HOURS,
  }
}

/**
 * Internships for coordinators and admins: a cohort's list (who has none
 * first), the form to create or change one, its page with the status
 * moves, the agreement PDF and the signed scan.
 */
export default class InternshipsController {
  async index({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const page = await new BuildCohortInternships().handle({ cohort })
    return view.render('pages/coordinator/internships/index', page)
  }

  async create({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await findEnrollment(user.organizationId, params.id)
    return view.render('pages/coordinator/internships/form', {
      ...(await formOptions(enrollment.organizationId)),
      enrollment,
      internship: null,
      action: { route: 'coordinator.internships.store', params: { id: enrollment.id } },
    })
  }

  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await findEnrollment(user.organizationId, params.id)
    const payload = await request.validateUsing(internshipValidator, {
      messagesProvider: internshipMessages,
    })
    const result = await new SaveInternship().handle({ enrollment, payload })
    if (!result.saved) {
      session.flashAll()
      session.flash('inputErrorsBag', result.errors)
      session.flash(
        'error',
        result.message ?? 'Le stage n’est pas enregistré : corrigez les champs signalés.'
      )
      return response.redirect().toRoute('coordinator.internships.create', { id: enrollment.id })
    }
    session.flash('success', 'Le stage est enregistré en brouillon.')
    return response.redirect().toRoute('coordinator.internships.show', { id: result.internship.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    const moves = NEXT_STATUSES[internship.status].map((status) => ({
      value: status,
      label: MOVE_LABELS[status],
    }))
    const history = Object.entries(MOVE_DATE_COLUMNS)
      .map(([status, column]) => ({
        label: STATUS_LABELS[status as keyof typeof STATUS_LABELS],
        on: internship[column],
      }))
      .filter((step) => step.on)
    return view.render('pages/coordinator/internships/show', {
      internship,
      enrollment: internship.enrollment,
      trainee: internship.enrollment.trainee,
      cohort: internship.enrollment.cohort,
      kindLabel: KIND_LABELS[internship.kind],
      statusLabel: STATUS_LABELS[internship.status],
      statusTone: STATUS_TONES[internship.status],
      hours: formatHours(internship.hoursTotal),
      weeklyHours: formatHours(internship.weeklyHours),
      editable: EDITABLE_STATUSES.includes(internship.status),
      moves,
      history,
      scanHint: SCAN_HINT,
    })
  }

  async edit({ auth, params, response, session, view }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    if (!EDITABLE_STATUSES.includes(internship.status))
      return lockedBack(internship, response, session)
    return view.render('pages/coordinator/internships/form', {
      ...(await formOptions(internship.organizationId)),
      enrollment: internship.enrollment,
      internship,
      action: { route: 'coordinator.internships.update', params: { id: internship.id } },
    })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    if (!EDITABLE_STATUSES.includes(internship.status))
      return lockedBack(internship, response, session)
    const payload = await request.validateUsing(internshipValidator, {
      messagesProvider: internshipMessages,
    })
    const result = await new SaveInternship().handle({
      enrollment: internship.enrollment,
      payload,
      internship,
    })
    if (!result.saved) {
      session.flashAll()
      session.flash('inputErrorsBag', result.errors)
      session.flash(
        'error',
        result.message ?? 'Le stage n’est pas enregistré : corrigez les champs signalés.'
      )
      return response.redirect().toRoute('coordinator.internships.edit', { id: internship.id })
    }
    session.flash('success', 'Le stage est modifié.')
    return response.redirect().toRoute('coordinator.internships.show', { id: internship.id })
  }

  /**
   * A status move (agreement sent, signed, started, completed, cancelled).
   */
  async move({ auth, params, request, response, session }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    const back = () =>
      response.redirect().toRoute('coordinator.internships.show', { id: internship.id })
    const validation = await internshipMoveValidator.tryValidate(request.all(), {
      messagesProvider: internshipMessages,
    })
    if (validation[0]) {
      refuse(
        session,
        null,
        'Ce changement de statut n’est pas possible : vérifiez la date et le statut choisis.'
      )
      return back()
    }
    const result = await new MoveInternship().handle({ internship, payload: validation[1] })
    if (result.moved)
      session.flash('success', `Le stage est maintenant « ${STATUS_LABELS[internship.status]} ».`)
    else refuse(session, result.field, result.message)
    return back()
  }

  /**
   * The agreement to print and sign, written from the recorded data.
   */
  async agreement({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const internship = await findInternship(user.organizationId, params.id)
    const organization = await Organization.findOrFail(user.organizationId)
    const doc = buildInternshipAgreementPdf({ internship, organization })
    const name = fileSlug(`convention-${internship.enrollment.trainee.fullName}`)
    return streamPdf(response, doc, `${name}.pdf`)
  }

  async storeScan({ auth, params, request, response, session }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    const result = await new StoreSignedAgreement().handle({
      internship,
      file: request.file('scan', SCAN_UPLOAD_OPTIONS),
    })
    if (!result.stored) refuse(session, 'scan', result.message)
    else
      session.flash(
        'success',
        result.nowSigned
          ? 'La convention signée est déposée : le stage passe à « Convention signée ».'
          : 'La convention signée est déposée.'
      )
    return response.redirect().toRoute('coordinator.internships.show', { id: internship.id })
  }

  /**
   * The signed scan, as an attachment.
   */
  async showScan({ auth, params, response, session }: HttpContext) {
    const internship = await findInternship(auth.getUserOrFail().organizationId, params.id)
    const file = await openSignedAgreement(internship)
    if (!file) {
      session.flash('error', 'Aucune convention signée n’est déposée pour ce stage.')
      return response.redirect().toRoute('coordinator.internships.show', { id: internship.id })
    }
    return sendProof(response, file)
  }
}

function lockedBack(
  internship: Internship,
  response: HttpContext['response'],
  session: HttpContext['session']
) {
  session.flash(
    'error',
    'La convention est signée : ce stage ne se modifie plus. Annulez-le et créez-en un autre si ses conditions changent.'
  )
  return response.redirect().toRoute('coordinator.internships.show', { id: internship.id })
}
