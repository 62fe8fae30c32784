import { BaseMail } from '@adonisjs/mail'

export type EmailedDecision = 'waitlisted' | 'rejected'

export type ApplicationDecisionRecipient = {
  decision: EmailedDecision
  email: string
  name: string
  cohortName: string
  programmeTitle: string | null
  organizationName: string
  /**
   * The staff member who made the decision: named in the message, and
   * the reply-to address.
   */
  contactName: string
  contactEmail: string
}

const SUBJECTS: Record<EmailedDecision, string> = {
  waitlisted: 'Votre candidature est sur liste d’attente',
  rejected: 'Réponse à votre candidature',
}

/**
 * Tells an applicant, in plain and respectful French, that their
 * application is on the waiting list (what it means, what happens next) or
 * refused (said kindly, how to ask why, other options). Only primitives:
 * it is rendered by the job worker.
 */
export default class ApplicationDecisionNotification extends BaseMail {
  subject: string

  constructor(private recipient: ApplicationDecisionRecipient) {
    super()
    this.subject = SUBJECTS[recipient.decision]
  }

  prepare() {
    const { email, name, decision, contactEmail, contactName } = this.recipient
    const view = decision === 'rejected' ? 'application_rejected' : 'application_waitlisted'
    this.message
      .to(email, name)
      .replyTo(contactEmail, contactName)
      .htmlView(`emails/${view}`, this.recipient)
      .textView(`emails/${view}_text`, this.recipient)
  }
}
