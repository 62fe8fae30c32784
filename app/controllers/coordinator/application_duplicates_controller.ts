import type { HttpContext } from '@adonisjs/core/http'
import ConfirmDuplicate, { REFRESHED_FIELD_LABELS } from '#actions/applications/confirm_duplicate'
import DismissDuplicate from '#actions/applications/dismiss_duplicate'
import { findApplication } from '#actions/applications/pipeline_find_application'
import { duplicateDecisionValidator } from '#validators/admission'

/**
 * "Personne déjà connue ?": a coordinator confirms that an application
 * comes from a person already known (the records are joined) or says it
 * does not.
 */
export default class ApplicationDuplicatesController {
  async confirm({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const { known_trainee_id: knownTraineeId } = await request.validateUsing(
      duplicateDecisionValidator
    )
    const result = await new ConfirmDuplicate().handle({
      application,
      knownTraineeId,
      user,
      ip: request.ip(),
    })
    if (result.done) {
      const refreshed = result.refreshed.map((field) => REFRESHED_FIELD_LABELS[field] ?? field)
      session.flash(
        'success',
        `C’est noté : la candidature est rattachée à ${result.known.fullName}, déjà connue. ` +
          (refreshed.length
            ? `Mis à jour avec cette candidature : ${refreshed.join(', ')}.`
            : 'Rien n’a changé dans sa fiche.')
      )
    } else {
      session.flash('error', result.reason)
    }
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }

  async dismiss({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const { known_trainee_id: knownTraineeId } = await request.validateUsing(
      duplicateDecisionValidator
    )
    const result = await new DismissDuplicate().handle({
      application,
      knownTraineeId,
      user,
      ip: request.ip(),
    })
    session.flash(
      result.done ? 'success' : 'error',
      result.done
        ? 'C’est noté : ce n’est pas la même personne. La candidature garde sa propre fiche.'
        : result.reason
    )
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }
}
