import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organization from '#models/organization'
import Programme from '#models/programme'
import { jsonColumn } from '#models/json_column'
import type { ProgrammeFigures } from '#actions/reports/compute_programme_results'

/**
 * The published snapshot of a programme's results (Qualiopi indicator 2),
 * refreshed by RefreshProgrammeResultsJob.
 */
export default class ProgrammeResult extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare programmeId: number

  @column.dateTime()
  declare computedAt: DateTime

  @column(jsonColumn)
  declare figures: ProgrammeFigures

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Programme)
  declare programme: BelongsTo<typeof Programme>
}
