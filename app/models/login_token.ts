import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/**
 * - `magic_link`: a sign-in link the person asked for (short-lived);
 * - `welcome`: the sign-in link of the welcome email sent on admission,
 *   valid for days since people read it whenever they can; opened by the
 *   same route as `magic_link`;
 * - `password_reset`.
 */
export type LoginTokenKind = 'password_reset' | 'magic_link' | 'welcome'

/**
 * The kinds that sign a person in through /connexion/lien/:token.
 */
export const SIGN_IN_TOKEN_KINDS: LoginTokenKind[] = ['magic_link', 'welcome']

export default class LoginToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: LoginTokenKind

  @column({ serializeAs: null })
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare usedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
