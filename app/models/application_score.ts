import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ScoringCriterion } from '#enums/scoring_criterion'
import Organization from '#models/organization'
import Application from '#models/application'
import User from '#models/user'

/**
 * One staff member's score of an application on one criterion (1 to 4),
 * with an optional comment.
 */
export default class ApplicationScore extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare applicationId: number

  @column()
  declare scorerId: number

  @column()
  declare criterion: ScoringCriterion

  @column({ consume: (value) => (value === null ? value : Number(value)) })
  declare score: number

  @column()
  declare comment: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Application)
  declare application: BelongsTo<typeof Application>

  @belongsTo(() => User, { foreignKey: 'scorerId' })
  declare scorer: BelongsTo<typeof User>
}
