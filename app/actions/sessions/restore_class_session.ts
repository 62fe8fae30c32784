import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import type ClassSession from '#models/class_session'
import CheckSessionSlot from '#actions/sessions/check_session_slot'
import {
  markChangedIfPublished,
  notifyTraineesOfChange,
} from '#actions/sessions/session_publication'

/**
 * Puts a cancelled session back in the schedule, if its trainer and room
 * are still free (another session may have taken the slot meanwhile).
 * The trainees are told when it was published.
 */
export default class RestoreClassSession {
  constructor(private checkSlot = new CheckSessionSlot()) {}

  async handle({ session }: { session: ClassSession }) {
    const notify = await db.transaction(async (trx) => {
      session.useTransaction(trx)
      if (!session.isCancelled) return false
      const cohort = await Cohort.findOrFail(session.cohortId, { client: trx })
      await this.checkSlot.assert(
        {
          cohort,
          sessionId: session.id,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          trainerId: session.trainerId,
          room: session.room,
        },
        trx
      )
      session.isCancelled = false
      const published = markChangedIfPublished(session)
      await session.save()
      return published
    })

    if (notify) await notifyTraineesOfChange(session.id)
    return { session, notified: notify }
  }
}
