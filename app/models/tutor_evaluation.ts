import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organization from '#models/organization'
import Internship from '#models/internship'
import { utcDateTime } from '#models/utc_date_time'

/**
 * The evaluation request sent to an internship's tutor (migration 0015):
 * one per internship, answered once through its emailed link. The answers
 * are stored on the internship (`evaluation`, `evaluatedAt`).
 */
export default class TutorEvaluation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare internshipId: number

  @column({ serializeAs: null })
  declare tokenNonce: string

  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare tutorEmail: string

  @column.dateTime(utcDateTime)
  declare sentAt: DateTime

  @column.dateTime(utcDateTime)
  declare expiresAt: DateTime

  @column.dateTime({ ...utcDateTime, columnName: 'reminder_3_sent_at' })
  declare reminder3SentAt: DateTime | null

  @column.dateTime({ ...utcDateTime, columnName: 'reminder_10_sent_at' })
  declare reminder10SentAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare manuallyRemindedAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare answeredAt: DateTime | null

  @column()
  declare answeredIp: string | null

  @column()
  declare sentById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Internship)
  declare internship: BelongsTo<typeof Internship>

  get isExpired() {
    return this.expiresAt <= DateTime.now()
  }
}
