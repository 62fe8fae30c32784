import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ExportStatus } from '#enums/export_status'
import Organization from '#models/organization'
import Funder from '#models/funder'
import User from '#models/user'
import { jsonColumn } from '#models/json_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * A requested report, built by a job: its progress and stored file.
 * Asked from an organisation or from a funder.
 */
export default class ExportRun extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number | null

  @column()
  declare funderId: number | null

  @column()
  declare requestedById: number

  @column()
  declare kind: string

  @column(jsonColumn)
  declare filters: Record<string, unknown> | null

  @column()
  declare status: ExportStatus

  /**
   * Percent done, 0 to 100.
   */
  @column()
  declare progress: number

  @column()
  declare filePath: string | null

  @column()
  declare rowCount: number | null

  @column()
  declare error: string | null

  @column.dateTime(utcDateTime)
  declare finishedAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare expiresAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Funder)
  declare funder: BelongsTo<typeof Funder>

  @belongsTo(() => User, { foreignKey: 'requestedById' })
  declare requestedBy: BelongsTo<typeof User>

  get isFinished() {
    return this.status === 'done' || this.status === 'failed'
  }
}
