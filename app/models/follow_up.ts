import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { FollowUpCheckpoint } from '#enums/checkpoint'
import type { FollowUpStatus } from '#enums/follow_up_status'
import Organization from '#models/organization'
import Enrollment from '#models/enrollment'
import { utcDateTime } from '#models/utc_date_time'

/**
 * A checkpoint (3, 6, 12 months after exit) due for an enrollment; drives
 * reminders and the alumni survey. What is due lives here, not in the queue.
 */
export default class FollowUp extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare enrollmentId: number

  @column()
  declare checkpoint: FollowUpCheckpoint

  @column.date()
  declare dueOn: DateTime

  @column()
  declare status: FollowUpStatus

  @column.dateTime(utcDateTime)
  declare sentAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare remindedAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare answeredAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare closedAt: DateTime | null

  /**
   * Random secret the self-report link is derived from (with the app key),
   * so the reminder can repeat the same link; the link itself is never
   * stored, only its hash.
   */
  @column({ serializeAs: null })
  declare tokenSecret: string | null

  @column({ serializeAs: null })
  declare tokenHash: string | null

  @column.dateTime(utcDateTime)
  declare tokenExpiresAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare calledAt: DateTime | null

  @column()
  declare calledById: number | null

  @column()
  declare callNote: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Enrollment)
  declare enrollment: BelongsTo<typeof Enrollment>

  /**
   * Follow-ups still waiting for an answer.
   */
  static open = scope((query) => {
    query.whereIn('status', ['due', 'sent', 'to_call'])
  })
}
