import type { HttpContext } from '@adonisjs/core/http'
import BuildTraineePlanning from '#actions/calendars/build_trainee_planning'

export default class PlanningController {
  /**
   * "Mon planning": today first, then the rest of the week, then the next
   * weeks.
   */
  async show({ auth, view }: HttpContext) {
    const planning = await new BuildTraineePlanning().handle({ user: auth.getUserOrFail() })
    return view.render('pages/trainee/planning', planning)
  }
}
