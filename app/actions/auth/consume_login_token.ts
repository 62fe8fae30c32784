import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import LoginToken, { type LoginTokenKind } from '#models/login_token'
import User from '#models/user'
import { hashToken } from '#actions/auth/issue_login_token'
import { sqlDateTime } from '#services/sql_time'

/**
 * Finds the still-valid token of an emailed link without using it; `kind`
 * may list several kinds (a sign-in link is a `magic_link` or a `welcome`).
 */
export async function findValidToken(
  token: string,
  kind: LoginTokenKind | LoginTokenKind[],
  client?: TransactionClientContract
) {
  if (!token || token.length > 128) return null
  return LoginToken.query({ client })
    .where('token_hash', hashToken(token))
    .whereIn('kind', Array.isArray(kind) ? kind : [kind])
    .whereNull('used_at')
    .where('expires_at', '>', sqlDateTime(DateTime.now()))
    .first()
}

/**
 * Uses a one-time token: returns its active user, or null when the token
 * is unknown, expired, already used or its account disabled. The update
 * is conditional, so two simultaneous uses cannot both succeed.
 */
export default class ConsumeLoginToken {
  async handle({
    token,
    kind,
    client,
  }: {
    token: string
    kind: LoginTokenKind | LoginTokenKind[]
    client?: TransactionClientContract
  }) {
    const loginToken = await findValidToken(token, kind, client)
    if (!loginToken) return null

    const updated = await LoginToken.query({ client })
      .where('id', loginToken.id)
      .whereNull('used_at')
      .update({ used_at: sqlDateTime(DateTime.now()) })
    const affected = Array.isArray(updated) ? Number(updated[0]) : Number(updated)
    if (affected !== 1) return null

    const user = await User.find(loginToken.userId, { client })
    return user?.isActive ? user : null
  }
}
