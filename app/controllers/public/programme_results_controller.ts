import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import ProgrammeResult from '#models/programme_result'
import { resultsView } from '#actions/reports/programme_results_view'

/**
 * The public results of a programme (Qualiopi indicator 2), without an
 * account: the published snapshot. Unknown organisation or programme: 404.
 */
export default class ProgrammeResultsController {
  async show({ auth, params, view }: HttpContext) {
    await auth.check()
    const organization = await Organization.findByOrFail('slug', String(params.organizationSlug))
    const programme = await organization
      .related('programmes')
      .query()
      .where('slug', String(params.programmeSlug))
      .firstOrFail()
    const result = await ProgrammeResult.query().where('programme_id', programme.id).first()
    return view.render('pages/public/programme_results', {
      organization,
      programme,
      results: result ? resultsView(result) : null,
    })
  }
}
