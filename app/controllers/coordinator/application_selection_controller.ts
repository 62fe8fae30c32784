import type { HttpContext } from '@adonisjs/core/http'
import InviteApplications, {
  type InvitationResult,
} from '#actions/applications/invite_applications'
import SaveApplicationScores from '#actions/applications/save_application_scores'
import { findApplication } from '#actions/applications/pipeline_find_application'
import { findCohort } from '#actions/cohorts/find_cohort'
import { INVITATION_WORDING } from '#enums/invitation_kind'
import {
  applicationScoresValidator,
  bulkInvitationValidator,
  invitationValidator,
  meetingFromPayload,
  scoresFromPayload,
} from '#validators/application_selection'

/**
 * Selecting applicants (coordinators, admins): each staff member's scores
 * of an application, invitations to an information session or an
 * interview, one by one or for several applications of a cohort at once.
 */
export default class ApplicationSelectionController {
  async saveScores({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const payload = await request.validateUsing(applicationScoresValidator)
    const sheet = scoresFromPayload(payload)
    await new SaveApplicationScores().handle({ application, scorer: user, sheet })
    session.flash('success', 'Vos notes sont enregistrées.')
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }

  async invite({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const { kind, ...meeting } = await request.validateUsing(invitationValidator)
    const result = await new InviteApplications().handle({
      organizationId: application.organizationId,
      applicationIds: [application.id],
      kind,
      meeting: meetingFromPayload(meeting),
      user,
    })
    flashInvitation(session, result, `Invitation à ${INVITATION_WORDING[kind].title} envoyée.`)
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }

  async inviteMany({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohort = await findCohort(user.organizationId, params.id)
    const { ids, ...meeting } = await request.validateUsing(bulkInvitationValidator)
    const result = await new InviteApplications().handle({
      organizationId: cohort.organizationId,
      cohortId: cohort.id,
      applicationIds: ids as number[],
      kind: 'info_session',
      meeting: meetingFromPayload(meeting),
      user,
    })
    const count = result.invited ? result.count : 0
    flashInvitation(
      session,
      result,
      count > 1
        ? `${count} personnes sont invitées à la réunion d’information.`
        : 'Une personne est invitée à la réunion d’information.'
    )
    return response.redirect().toRoute('coordinator.applications.index', { id: cohort.id })
  }
}

/**
 * Success, with who must be told another way (no email address), or the
 * reason nothing was done.
 */
function flashInvitation(session: HttpContext['session'], result: InvitationResult, done: string) {
  if (!result.invited) {
    session.flash('error', result.reason)
    return
  }
  const unreachable = result.withoutEmail.length
    ? ` Sans adresse e-mail, à prévenir par téléphone : ${result.withoutEmail.join(', ')}.`
    : ''
  session.flash('success', done + unreachable)
}
