import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * The emailed link to choose a new password.
 */
export default class PasswordResetNotification extends BaseMail {
  subject = 'Choisir un nouveau mot de passe Cohorte'

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
      .htmlView('emails/password_reset', { user: this.user, url: this.url, minutes: this.minutes })
      .textView('emails/password_reset_text', {
        user: this.user,
        url: this.url,
        minutes: this.minutes,
      })
  }
}
