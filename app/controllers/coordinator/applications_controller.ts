import type { HttpContext } from '@adonisjs/core/http'
import ListApplications from '#actions/applications/list_applications'
import MoveApplication from '#actions/applications/move_application'
import PipelineApplicationPage from '#actions/applications/pipeline_application_page'
import { findApplication } from '#actions/applications/pipeline_find_application'
import SelectionPanels from '#actions/applications/selection_panels'
import * as labels from '#actions/applications/pipeline_labels'
import { findCohort } from '#actions/cohorts/find_cohort'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import { applicationMoveValidator } from '#validators/application_move'
import { recordRqthRead } from '#services/sensitive_reads'

/**
 * A cohort's recruitment pipeline: applications by status, one
 * application's page and its moves (coordinators, admins).
 */
export default class ApplicationsController {
  async index({ auth, params, request, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const status = labels.applicationStatusOrNull(request.input('statut'))
    const pipeline = await new ListApplications().handle({
      cohort,
      status,
      sort: request.input('tri'),
    })
    return view.render('pages/coordinator/applications/index', {
      cohort,
      status,
      ...pipeline,
      labels,
    })
  }

  async show({ auth, bouncer, params, request, view }: HttpContext) {
    const application = await findApplication(auth.getUserOrFail().organizationId, params.id)
    const page = await new PipelineApplicationPage().handle({ application })
    if (await bouncer.with('TraineePolicy').allows('viewHealthData', page.trainee)) {
      await recordRqthRead({
        user: auth.getUserOrFail(),
        traineeIds: [page.trainee.id],
        where: `candidature n° ${application.id}`,
        ip: request.ip(),
      })
    }
    return view.render('pages/coordinator/applications/show', {
      ...page,
      ...(await new SelectionPanels().handle({ application, user: auth.getUserOrFail() })),
      labels,
      levels: QUALIFICATION_LEVEL_LABELS,
    })
  }

  async move({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findApplication(user.organizationId, params.id)
    const { status, note } = await request.validateUsing(applicationMoveValidator)
    const result = await new MoveApplication().handle({ application, to: status, note, user })
    if (result.moved) {
      const label = labels.APPLICATION_STATUS_LABELS[status]
      session.flash('success', `La candidature est maintenant « ${label} ».`)
    } else {
      session.flash('error', result.reason)
    }
    return response.redirect().toRoute('coordinator.applications.show', { id: application.id })
  }
}
