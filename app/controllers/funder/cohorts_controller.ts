import type { HttpContext } from '@adonisjs/core/http'
import Cohort from '#models/cohort'

export default class CohortsController {
  /**
   * The cohorts this funder finances, across organisations, and nothing else.
   */
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohorts = await Cohort.query()
      .whereHas('funders', (funders) => funders.where('funders.id', user.funderId!))
      .preload('organization')
      .preload('programme')
      .preload('site')
      .preload('funders', (funders) => funders.where('funders.id', user.funderId!))
      .withCount('enrollments')
      .orderBy('starts_on', 'desc')
    return view.render('pages/funder/cohorts', { cohorts })
  }
}
