import type { HttpContext } from '@adonisjs/core/http'
import ComputeLabelMix from '#actions/applications/compute_label_mix'
import { findCohort } from '#actions/cohorts/find_cohort'

/**
 * A cohort's label mix: who the programme reaches among applicants,
 * admitted and enrolled people, against the programme's targets.
 */
export default class LabelMixController {
  async show({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    await cohort.load('programme')
    const mix = await new ComputeLabelMix().handle({ cohort })
    return view.render('pages/coordinator/cohorts/label_mix', { cohort, mix })
  }
}
