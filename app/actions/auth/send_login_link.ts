import mail from '@adonisjs/mail/services/main'
import router from '@adonisjs/core/services/router'
import User from '#models/user'
import type { LoginTokenKind } from '#models/login_token'
import IssueLoginToken, { TOKEN_LIFETIME } from '#actions/auth/issue_login_token'
import MagicLinkNotification from '#mails/magic_link_notification'
import PasswordResetNotification from '#mails/password_reset_notification'
import { appUrl } from '#config/app'

const ROUTES: Record<LoginTokenKind, string> = {
  magic_link: 'auth.magic_link.show',
  password_reset: 'auth.password_reset.edit',
  welcome: 'auth.magic_link.show',
}

/**
 * Emails a sign-in link or a password-reset link to an active account.
 * Says nothing about whether the address is known: the caller answers the
 * same either way, so nobody can test which addresses have an account.
 */
export default class SendLoginLink {
  constructor(private issueLoginToken = new IssueLoginToken()) {}

  async handle({ email, kind }: { email: string; kind: LoginTokenKind }) {
    const user = await User.query().where('email', email).where('is_active', true).first()
    if (!user) return false

    const token = await this.issueLoginToken.handle({ user, kind })
    const url = appUrl + router.makeUrl(ROUTES[kind], { token })
    const minutes = TOKEN_LIFETIME[kind].minutes
    const notification =
      kind === 'magic_link'
        ? new MagicLinkNotification(user, url, minutes)
        : new PasswordResetNotification(user, url, minutes)

    await mail.sendLater(notification)
    return true
  }
}
