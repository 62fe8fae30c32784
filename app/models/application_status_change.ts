import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ApplicationStatus } from '#enums/application_status'
import Organization from '#models/organization'
import Application from '#models/application'
import User from '#models/user'

/**
 * One step of an application's pipeline: who moved it, from where to
 * where, when.
 */
export default class ApplicationStatusChange extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare applicationId: number

  @column()
  declare fromStatus: ApplicationStatus | null

  @column()
  declare toStatus: ApplicationStatus

  @column()
  declare changedById: number | null

  @column()
  declare note: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Application)
  declare application: BelongsTo<typeof Application>

  @belongsTo(() => User, { foreignKey: 'changedById' })
  declare changedBy: BelongsTo<typeof User>
}
