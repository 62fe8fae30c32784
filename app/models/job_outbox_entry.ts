import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { utcDateTime } from '#models/utc_date_time'

export type OutboxStatus = 'pending' | 'sent' | 'failed'

/**
 * A dispatched job as the database remembers it (QUEUE_DRIVER=bullmq):
 * `pending` until Redis holds it, then `sent`; `failed` when its name is
 * no longer registered. See app/services/job_outbox.ts.
 */
export default class JobOutboxEntry extends BaseModel {
  static table = 'job_outbox'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare jobName: string

  /**
   * The payload as JSON text.
   */
  @column()
  declare payload: string

  @column.dateTime(utcDateTime)
  declare availableAt: DateTime

  @column()
  declare status: OutboxStatus

  @column()
  declare pushAttempts: number

  @column()
  declare lastError: string | null

  @column.dateTime(utcDateTime)
  declare sentAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
