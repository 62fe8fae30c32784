import db from '@adonisjs/lucid/services/db'
import type ClassSession from '#models/class_session'
import {
  markChangedIfPublished,
  notifyTraineesOfChange,
} from '#actions/sessions/session_publication'

/**
 * Cancels a session: it stays in the schedule, marked cancelled, with its
 * attendance kept. The trainees are told when it was published. Cancelling
 * a cancelled session changes nothing.
 */
export default class CancelClassSession {
  async handle({ session }: { session: ClassSession }) {
    const notify = await db.transaction(async (trx) => {
      session.useTransaction(trx)
      session.isCancelled = true
      const published = markChangedIfPublished(session)
      await session.save()
      return published
    })

    if (notify) await notifyTraineesOfChange(session.id)
    return { session, notified: notify }
  }
}
