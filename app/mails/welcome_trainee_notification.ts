import { BaseMail } from '@adonisjs/mail'

export type WelcomeTraineeRecipient = {
  email: string
  name: string
  cohortName: string
  programmeTitle: string | null
  /** The first day of training, in French words ("lundi 2 mars 2026"). */
  startsOn: string
  siteName: string
  /** "12 rue des Lilas, 76000 Rouen", or null when the site has no address. */
  siteAddress: string | null
  /** The one-time sign-in link that opens "Mon planning". */
  url: string
  /** How long the link works. */
  days: number
  /** Where to ask for a new sign-in link once this one has expired. */
  newLinkUrl: string
}

/**
 * Welcomes an admitted trainee, in plain French: the training, the first
 * day, the place, and a sign-in link to their planning that works for a
 * few days. Only primitives: it is rendered by the job worker.
 */
export default class WelcomeTraineeNotification extends BaseMail {
  subject = 'Bienvenue dans votre formation'

  constructor(private recipient: WelcomeTraineeRecipient) {
    super()
  }

  prepare() {
    const { email, name } = this.recipient
    this.message
      .to(email, name)
      .htmlView('emails/welcome_trainee', this.recipient)
      .textView('emails/welcome_trainee_text', this.recipient)
  }
}
