import type { HttpContext } from '@adonisjs/core/http'
import Enrollment from '#models/enrollment'
import { findCohort } from '#actions/cohorts/find_cohort'
import BuildWorklist from '#actions/follow_ups/build_worklist'
import BuildCohortFollowUps from '#actions/follow_ups/build_cohort_follow_ups'
import RecordFollowUpCall from '#actions/follow_ups/record_follow_up_call'
import * as wording from '#actions/follow_ups/follow_up_wording'
import { followUpCallValidator, followUpMessages } from '#validators/follow_up'
import type { FollowUpCheckpoint } from '#enums/checkpoint'
import { refuse } from '#services/flash_refusal'
import { MAX_ROW_ID } from '#validators/ids'

/**
 * Follow-ups for coordinators and admins: the worklist (to call, waiting,
 * answered), a cohort's trainees × checkpoints table, and the outcome of a
 * call.
 */
export default class FollowUpsController {
  async index({ auth, request, view }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId!
    const wanted = Number(request.input('promotion'))
    const page = await new BuildWorklist().handle({
      organizationId,
      cohortId: Number.isInteger(wanted) && wanted > 0 && wanted <= MAX_ROW_ID ? wanted : null,
    })
    const cohortId = page.cohorts.some((cohort) => cohort.id === wanted) ? wanted : null
    return view.render('pages/coordinator/follow_ups/index', { ...page, cohortId, wording })
  }

  async cohort({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const table = await new BuildCohortFollowUps().handle(cohort)
    return view.render('pages/coordinator/follow_ups/cohort', { cohort, ...table, wording })
  }

  async call({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const enrollment = await Enrollment.query()
      .where('organization_id', user.organizationId ?? 0)
      .where('id', Number(params.id))
      .firstOrFail()
    const back = () => response.redirect().toRoute('coordinator.follow_ups.index')
    const payload = await request.validateUsing(followUpCallValidator, {
      messagesProvider: followUpMessages,
    })
    const result = await new RecordFollowUpCall().handle({
      enrollment,
      checkpoint: params.checkpoint as FollowUpCheckpoint,
      user,
      payload,
    })
    switch (result.kind) {
      case 'recorded':
        session.flash('success', 'L’appel est enregistré : la situation est à jour.')
        break
      case 'unreachable':
        session.flash('success', 'La tentative d’appel est notée : le suivi reste à appeler.')
        break
      case 'answered':
        session.flash('error', 'Ce suivi a déjà une réponse : rien n’a été modifié.')
        break
      case 'missing':
        session.flash('error', 'Il n’y a pas de suivi à cette échéance pour cette personne.')
        break
      case 'refused':
        refuse(session, result.refusal.field, result.refusal.message)
        break
    }
    return back()
  }
}
