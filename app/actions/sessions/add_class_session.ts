import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ClassSession from '#models/class_session'
import type Cohort from '#models/cohort'
import CheckSessionSlot from '#actions/sessions/check_session_slot'
import { assignSessionFields, type SessionFields } from '#actions/sessions/session_fields'
import { notifyTraineesOfChange } from '#actions/sessions/session_publication'

/**
 * Adds one session to a cohort, under the rules of `CheckSessionSlot`.
 * When the cohort's schedule is already published (one of its sessions
 * is), the new session is published at once and the trainees are told;
 * otherwise it waits, like the rest of the schedule.
 */
export default class AddClassSession {
  constructor(private checkSlot = new CheckSessionSlot()) {}

  async handle({ cohort, fields }: { cohort: Cohort; fields: SessionFields }) {
    const session = new ClassSession()
    const notify = await db.transaction(async (trx) => {
      session.useTransaction(trx)
      session.merge({
        organizationId: cohort.organizationId,
        cohortId: cohort.id,
        isCancelled: false,
      })
      assignSessionFields(session, fields)
      await this.checkSlot.assert(
        {
          cohort,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          trainerId: session.trainerId,
          room: session.room,
          allowSharedTrainer: fields.allowSharedTrainer,
        },
        trx
      )

      const published = await ClassSession.query({ client: trx })
        .where('cohort_id', cohort.id)
        .whereNotNull('published_at')
        .first()
      if (published) {
        session.publishedAt = DateTime.now()
        session.changedAt = session.publishedAt
      }
      await session.save()
      return !!published
    })

    if (notify) await notifyTraineesOfChange(session.id)
    return { session, notified: notify }
  }
}
