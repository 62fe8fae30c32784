import type { HttpContext } from '@adonisjs/core/http'
import Funder from '#models/funder'
import BuildFunderCohortPage, {
  findFundedCohort,
  listFunderCohorts,
} from '#actions/funders/build_funder_cohort_page'

export default class CohortsController {
  /**
   * The cohorts this funder finances, across organisations, and nothing else.
   */
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohorts = await listFunderCohorts(user.funderId!)
    return view.render('pages/funder/cohorts', { cohorts })
  }

  /**
   * One funded cohort's figures (aggregates only); 404 for a cohort the
   * funder does not fund.
   */
  async show({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const funder = await Funder.findOrFail(user.funderId)
    const cohort = await findFundedCohort(funder.id, params.id)
    const page = await new BuildFunderCohortPage().handle({ funder, cohort })
    return view.render('pages/funder/cohort', page)
  }
}
