import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import LoginToken, { type LoginTokenKind } from '#models/login_token'
import type User from '#models/user'

/**
 * How long an emailed link stays valid.
 */
export const TOKEN_LIFETIME: Record<LoginTokenKind, { minutes: number }> = {
  magic_link: { minutes: 30 },
  password_reset: { minutes: 60 },
  welcome: { minutes: 7 * 24 * 60 },
}

/**
 * The welcome link's lifetime in days, as the email says it.
 */
export const WELCOME_LINK_DAYS = TOKEN_LIFETIME.welcome.minutes / (24 * 60)

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Creates a one-time token for an emailed link and returns it in clear
 * (only its hash is stored). Earlier unused tokens of the same kind stop
 * working: only the latest link is valid.
 */
export default class IssueLoginToken {
  async handle({ user, kind }: { user: User; kind: LoginTokenKind }) {
    const token = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      await LoginToken.query({ client: trx })
        .where('user_id', user.id)
        .where('kind', kind)
        .whereNull('used_at')
        .delete()
      await LoginToken.create(
        {
          userId: user.id,
          kind,
          tokenHash: hashToken(token),
          expiresAt: DateTime.now().plus(TOKEN_LIFETIME[kind]),
        },
        { client: trx }
      )
    })
    return token
  }
}
