import db from '@adonisjs/lucid/services/db'
import Cohort from '#models/cohort'
import type ClassSession from '#models/class_session'
import CheckSessionSlot from '#actions/sessions/check_session_slot'
import { assignSessionFields, type SessionFields } from '#actions/sessions/session_fields'
import {
  markChangedIfPublished,
  notifyTraineesOfChange,
} from '#actions/sessions/session_publication'

/**
 * Moves a session, or changes its module, trainer, room or partner
 * company. Refused (nothing saved) when the slot breaks a rule of
 * `CheckSessionSlot`. A published session that changed is marked changed
 * and its cohort's trainees are told.
 */
export default class UpdateClassSession {
  constructor(private checkSlot = new CheckSessionSlot()) {}

  async handle({ session, fields }: { session: ClassSession; fields: SessionFields }) {
    const notify = await db.transaction(async (trx) => {
      session.useTransaction(trx)
      const cohort = await Cohort.findOrFail(session.cohortId, { client: trx })
      assignSessionFields(session, fields)
      await this.checkSlot.assert(
        {
          cohort,
          sessionId: session.id,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          trainerId: session.trainerId,
          room: session.room,
          isCancelled: session.isCancelled,
          allowSharedTrainer: fields.allowSharedTrainer,
        },
        trx
      )
      const published = markChangedIfPublished(session)
      await session.save()
      return published
    })

    if (notify) await notifyTraineesOfChange(session.id)
    return { session, notified: notify }
  }
}
