import db from '@adonisjs/lucid/services/db'
import LoginToken from '#models/login_token'
import ConsumeLoginToken from '#actions/auth/consume_login_token'

/**
 * Sets a new password from a reset link; the link and any other pending
 * link of the account stop working. Returns the user, or null when the
 * link is no longer valid.
 */
export default class ResetPassword {
  constructor(private consumeLoginToken = new ConsumeLoginToken()) {}

  async handle({ token, password }: { token: string; password: string }) {
    return db.transaction(async (trx) => {
      const user = await this.consumeLoginToken.handle({
        token,
        kind: 'password_reset',
        client: trx,
      })
      if (!user) return null

      user.password = password
      await user.save()
      await LoginToken.query({ client: trx })
        .where('user_id', user.id)
        .whereNull('used_at')
        .delete()
      return user
    })
  }
}
