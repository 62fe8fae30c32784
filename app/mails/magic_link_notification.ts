import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * The emailed link that signs a person in without a password.
 */
export default class MagicLinkNotification extends BaseMail {
  subject = 'Votre lien de connexion à Cohorte'

  constructor(
    private user: User,
    private url: string,
    private minutes: number
  ) {
    super()
  }

  prepare() {
    this.message
      .to(this.user.email, this.user.fullName)
      .htmlView('emails/magic_link', { user: this.user, url: this.url, minutes: this.minutes })
      .textView('emails/magic_link_text', { user: this.user, url: this.url, minutes: this.minutes })
  }
}
