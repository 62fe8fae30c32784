import type { HttpContext } from '@adonisjs/core/http'
import ClassSession from '#models/class_session'
import { sqlDateTime } from '#services/sql_time'
import { parisWeek } from '#services/week'

export default class SessionsController {
  /**
   * The trainer's sessions of the current week.
   */
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const { start, end } = parisWeek()
    const sessions = await ClassSession.query()
      .where('organization_id', user.organizationId!)
      .where('trainer_id', user.id)
      .where('starts_at', '>=', sqlDateTime(start))
      .where('starts_at', '<', sqlDateTime(end))
      .preload('cohort')
      .preload('programmeModule')
      .orderBy('starts_at', 'asc')
    return view.render('pages/trainer/sessions', {
      sessions,
      week: { start, end: end.minus({ days: 1 }) },
    })
  }
}
