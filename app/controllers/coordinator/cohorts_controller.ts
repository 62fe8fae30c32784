import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import ListCohorts from '#actions/cohorts/list_cohorts'
import CreateCohort from '#actions/cohorts/create_cohort'
import UpdateCohort from '#actions/cohorts/update_cohort'
import ChangeCohortStatus from '#actions/cohorts/change_cohort_status'
import BuildCohortPage from '#actions/cohorts/build_cohort_page'
import LoadCohortFormOptions from '#actions/cohorts/load_cohort_form_options'
import { cohortFormValues } from '#actions/cohorts/cohort_attributes'
import { editMeta, findCohort } from '#actions/cohorts/find_cohort'
import * as labels from '#actions/cohorts/cohort_labels'
import { cohortStatusValidator, cohortValidator } from '#validators/cohort'

/**
 * The organisation's cohorts ("promotions"): list, create, edit, page and
 * status changes (coordinators, admins).
 */
export default class CohortsController {
  async index({ auth, request, view }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const status = labels.cohortStatusOrNull(request.input('statut'))
    const cohorts = await new ListCohorts().handle({ organization, status })
    return view.render('pages/coordinator/cohorts/index', { cohorts, status, labels })
  }

  async create({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    const options = await new LoadCohortFormOptions().handle({ organization })
    const values = { coordinatorId: user.id, funders: [] }
    return view.render('pages/coordinator/cohorts/form', { cohort: null, values, options })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(cohortValidator, {
      meta: { organizationId: organization.id },
    })
    const cohort = await new CreateCohort().handle({ organization, payload })
    session.flash('success', 'La promotion est créée.')
    return response.redirect().toRoute('coordinator.cohorts.show', { id: cohort.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const page = await new BuildCohortPage().handle({ cohort })
    return view.render('pages/coordinator/cohorts/show', { ...page, labels })
  }

  async edit({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    await cohort.load('funders', (funders) => funders.orderBy('name'))
    const organization = await Organization.findOrFail(cohort.organizationId)
    const options = await new LoadCohortFormOptions().handle({ organization, cohort })
    const values = cohortFormValues(cohort)
    return view.render('pages/coordinator/cohorts/form', { cohort, values, options })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const meta = await editMeta(cohort)
    const payload = await request.validateUsing(cohortValidator, { meta })
    await new UpdateCohort().handle({ cohort, payload })
    session.flash('success', 'La promotion est enregistrée.')
    return response.redirect().toRoute('coordinator.cohorts.show', { id: cohort.id })
  }

  async changeStatus({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohort = await findCohort(user.organizationId, params.id)
    const { status } = await request.validateUsing(cohortStatusValidator)
    const result = await new ChangeCohortStatus().handle({ cohort, status, user })
    if (result.changed) {
      const closed = result.closed
        ? ` ${result.closed} ${result.closed > 1 ? 'parcours sont clôturés' : 'parcours est clôturé'} : les suivis à 3, 6 et 12 mois sont programmés ; complétez la situation de chacun à la sortie.`
        : ''
      session.flash(
        'success',
        `La promotion est maintenant « ${labels.COHORT_STATUS_LABELS[status]} ».${closed}`
      )
    } else {
      session.flash('error', result.reason)
    }
    return response.redirect().toRoute('coordinator.cohorts.show', { id: cohort.id })
  }
}
