import type { HttpContext } from '@adonisjs/core/http'
import AdmitApplication from '#actions/applications/admit_application'
import { findApplication } from '#actions/applications/pipeline_find_application'
import { admissionValidator } from '#validators/admission'

const ACCOUNT_SENTENCES = {
  created: 'Compte créé',
  linked: 'Compte existant rattaché',
  existing: 'La personne avait déjà un compte',
  none: '',
}

/**
 * Admission of an applicant into their cohort (coordinators, admins).
 */
export default class AdmissionsController {
  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const { admission_note: note, override_ineligibility: override } =
      await request.validateUsing(admissionValidator)

    const result = await new AdmitApplication().handle({
      application,
      user,
      note,
      overrideIneligibility: override === true,
    })

    if (result.outcome === 'refused') {
      session.flash('error', result.reason)
    } else if (result.outcome === 'waitlisted') {
      session.flash('warning', result.message)
    } else {
      const cohort = await application.related('cohort').query().firstOrFail()
      session.flash(
        'success',
        `Candidature admise : inscription dans « ${cohort.name} » enregistrée (${result.places.label}).` +
          (result.welcomeSentTo
            ? ` ${ACCOUNT_SENTENCES[result.account]} : l’e-mail de bienvenue part à ${result.welcomeSentTo}.`
            : '')
      )
      if (result.noWelcomeReason) session.flash('warning', result.noWelcomeReason)
    }
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }
}
