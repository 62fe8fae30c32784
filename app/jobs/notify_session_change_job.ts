import mail from '@adonisjs/mail/services/main'
import { BaseJob } from '#jobs/base_job'
import ClassSession from '#models/class_session'
import Enrollment from '#models/enrollment'
import SessionChangedNotification from '#mails/session_changed_notification'
import { appUrl } from '#config/app'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'

/**
 * The trainee's planning (route `trainee.planning`). A literal path: the
 * worker process runs without the HTTP server, so its router has no
 * lookup table to build URLs from.
 */
const PLANNING_PATH = '/mon-planning'

export interface NotifySessionChangePayload {
  sessionId: number
}

/**
 * Emails each enrolled or active trainee of the session's cohort (those
 * with an address) that the session changed, as it is now. Each message
 * is its own mail job (`sendLater`), retried on its own.
 */
export default class NotifySessionChangeJob extends BaseJob<NotifySessionChangePayload> {
  static jobName = 'notify-session-change'

  async handle({ sessionId }: NotifySessionChangePayload) {
    const session = await ClassSession.query()
      .where('id', sessionId)
      .preload('cohort', (cohort) => cohort.preload('site'))
      .preload('programmeModule')
      .preload('trainer')
      .preload('partnerCompany')
      .first()
    if (!session) return

    const enrollments = await Enrollment.query()
      .where('cohort_id', session.cohortId)
      .whereIn('status', IN_TRAINING_STATUSES)
      .preload('trainee', (trainee) => trainee.preload('user'))
    const planningUrl = appUrl + PLANNING_PATH

    for (const { trainee } of enrollments) {
      const email = trainee.email ?? trainee.user?.email
      if (!email) continue
      await mail.sendLater(
        new SessionChangedNotification({
          email,
          name: trainee.fullName,
          session,
          planningUrl,
        })
      )
    }
  }
}
