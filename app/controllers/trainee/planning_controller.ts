import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import { PARIS, sqlDateTime } from '#services/sql_time'

export default class PlanningController {
  /**
   * "Mon planning": the trainee's next sessions, today first.
   */
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const trainee = await Trainee.query().where('user_id', user.id).first()
    const today = DateTime.now().setZone(PARIS).startOf('day')

    const sessions = trainee
      ? await ClassSession.query()
          .where('organization_id', trainee.organizationId)
          .whereIn('cohort_id', (enrolled) =>
            enrolled
              .from('enrollments')
              .select('cohort_id')
              .where('trainee_id', trainee.id)
              .whereIn('status', ['enrolled', 'active'])
          )
          .where('ends_at', '>', sqlDateTime(today))
          .preload('programmeModule')
          .preload('trainer')
          .preload('cohort', (cohort) => cohort.preload('site'))
          .orderBy('starts_at', 'asc')
          .limit(20)
      : []

    const todays = sessions.filter((s) => s.startsAt.setZone(PARIS).hasSame(today, 'day'))
    const later = sessions.filter((s) => !s.startsAt.setZone(PARIS).hasSame(today, 'day'))
    return view.render('pages/trainee/planning', { trainee, todays, later, today })
  }
}
