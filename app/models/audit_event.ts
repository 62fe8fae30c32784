import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organization from '#models/organization'
import User from '#models/user'
import { jsonColumn } from '#models/json_column'

/**
 * The fields changed, each with its value before and after.
 */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>

/**
 * Who changed what and when: attendance, outcomes, applications, sensitive
 * fields. Written once, never updated.
 */
export default class AuditEvent extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number | null

  @column()
  declare userId: number | null

  /**
   * e.g. 'attendance.updated', 'trainee.rqth_viewed'.
   */
  @column()
  declare action: string

  /**
   * The subject's table, e.g. 'attendance_records'.
   */
  @column()
  declare subjectType: string

  @column()
  declare subjectId: number

  @column(jsonColumn)
  declare changes: AuditChanges | null

  @column()
  declare ip: string | null

  /**
   * Why the change was made, in the author's words (required for
   * corrections after the fact).
   */
  @column()
  declare reason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
