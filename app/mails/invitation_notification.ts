import { BaseMail } from '@adonisjs/mail'
import { INVITATION_WORDING, type InvitationKind } from '#enums/invitation_kind'

export type InvitationRecipient = {
  kind: InvitationKind
  email: string
  name: string
  cohortName: string
  programmeTitle: string | null
  organizationName: string
  /**
   * Paris day and time, as said in French: "jeudi 3 décembre 2026", "9 h 30".
   */
  day: string
  time: string
  location: string
  message: string | null
  /**
   * The staff member who sent the invitation: named as contact, and the
   * reply-to address.
   */
  contactName: string
  contactEmail: string
}

/**
 * Invites an applicant, in plain French, to an information session or an
 * interview: when, where, the staff member's message and whom to contact.
 * Only primitives: it is rendered by the job worker.
 */
export default class InvitationNotification extends BaseMail {
  subject: string

  constructor(private recipient: InvitationRecipient) {
    super()
    this.subject = INVITATION_WORDING[recipient.kind].subject
  }

  prepare() {
    const { email, name, contactEmail, contactName, kind } = this.recipient
    const data = { ...this.recipient, what: INVITATION_WORDING[kind].title }
    this.message
      .to(email, name)
      .replyTo(contactEmail, contactName)
      .htmlView('emails/invitation', data)
      .textView('emails/invitation_text', data)
  }
}
