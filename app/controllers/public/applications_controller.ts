import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { applicationValidator } from '#validators/application'
import SubmitApplication from '#actions/applications/submit_application'
import {
  findRecruitingCohort,
  listRecruitingCohorts,
} from '#actions/applications/recruiting_cohorts'

/**
 * Applications accepted per IP address and hour. Generous enough for a
 * Mission Locale counsellor helping a few people from one office.
 */
export const APPLICATIONS_PER_HOUR = 10

/**
 * The public application form: anyone, signed in or not, can apply to a
 * cohort that is recruiting.
 */
export default class ApplicationsController {
  async index({ auth, view }: HttpContext) {
    await auth.check()
    return view.render('pages/public/apply/index', { cohorts: await listRecruitingCohorts() })
  }

  async create({ auth, params, view }: HttpContext) {
    await auth.check()
    const cohort = await findRecruitingCohort(params.id)
    return view.render('pages/public/apply/create', { cohort })
  }

  async store({ params, request, response, session }: HttpContext) {
    const cohort = await findRecruitingCohort(params.id)
    const payload = await request.validateUsing(applicationValidator)
    const sent = await limiter
      .use({ requests: APPLICATIONS_PER_HOUR, duration: '1 hour' })
      .attempt(`apply_${request.ip()}`, () => new SubmitApplication().handle({ cohort, payload }))
    if (!sent) {
      session.flashAll()
      session.flash(
        'error',
        'Trop de candidatures envoyées depuis cette connexion. Réessayez dans une heure.'
      )
      return response.redirect().toRoute('apply.create', { id: cohort.id })
    }
    return response.redirect().toRoute('apply.thanks', { id: cohort.id })
  }

  async thanks({ auth, params, view }: HttpContext) {
    await auth.check()
    const cohort = await findRecruitingCohort(params.id)
    return view.render('pages/public/apply/thanks', { cohort })
  }
}
