import { BaseMail } from '@adonisjs/mail'

export type ApplicationReceivedRecipient = {
  email: string
  name: string
  cohortName: string
  programmeTitle: string | null
}

/**
 * Tells an applicant, in plain French, that their application arrived and
 * what happens next. Only primitives: it is rendered by the job worker.
 */
export default class ApplicationReceivedNotification extends BaseMail {
  subject = 'Votre candidature est bien reçue'

  constructor(private recipient: ApplicationReceivedRecipient) {
    super()
  }

  prepare() {
    const { email, name } = this.recipient
    this.message
      .to(email, name)
      .htmlView('emails/application_received', this.recipient)
      .textView('emails/application_received_text', this.recipient)
  }
}
