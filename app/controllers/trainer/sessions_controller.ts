import type { HttpContext } from '@adonisjs/core/http'
import BuildTrainerWeek from '#actions/calendars/build_trainer_week'

export default class SessionsController {
  /**
   * The trainer's sessions of a week (`?semaine=YYYY-MM-DD`, the current
   * week by default), day by day.
   */
  async index({ auth, request, view }: HttpContext) {
    const week = await new BuildTrainerWeek().handle({
      user: auth.getUserOrFail(),
      week: request.qs().semaine,
    })
    return view.render('pages/trainer/sessions', week)
  }
}
