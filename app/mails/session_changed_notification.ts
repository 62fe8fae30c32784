import { BaseMail } from '@adonisjs/mail'
import type ClassSession from '#models/class_session'
import { frenchSlot } from '#actions/sessions/session_wording'

export type SessionChangedRecipient = {
  email: string
  name: string
  session: ClassSession
  planningUrl: string
}

/**
 * Tells a trainee, in plain French, that a session of their planning
 * changed or was cancelled. The session comes with its cohort (and site),
 * module, trainer and partner company loaded.
 */
export default class SessionChangedNotification extends BaseMail {
  subject: string

  constructor(private recipient: SessionChangedRecipient) {
    super()
    this.subject = recipient.session.isCancelled
      ? 'Une séance est annulée'
      : 'Une séance de votre planning a changé'
  }

  prepare() {
    const { session, name, email, planningUrl } = this.recipient
    const what = session.programmeModule?.title ?? 'Formation'
    const where = session.partnerCompany
      ? `chez ${session.partnerCompany.name}`
      : [session.cohort.site?.name, session.room ? `salle ${session.room}` : null]
          .filter(Boolean)
          .join(', ')
    const data = {
      name,
      what,
      when: frenchSlot(session.startsAt, session.endsAt),
      where,
      who: session.trainer?.fullName ?? null,
      cancelled: session.isCancelled,
      planningUrl,
    }

    this.message
      .to(email, name)
      .htmlView('emails/session_changed', data)
      .textView('emails/session_changed_text', data)
  }
}
