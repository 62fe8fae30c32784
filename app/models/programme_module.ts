import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ModuleKind } from '#enums/module_kind'
import type { ModuleLocation } from '#enums/module_location'
import Organization from '#models/organization'
import Programme from '#models/programme'
import ClassSession from '#models/class_session'
import { decimalColumn } from '#models/decimal_column'

/**
 * One part of a programme's curriculum; the modules' planned hours add up
 * to the programme's total.
 */
export default class ProgrammeModule extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare programmeId: number

  @column()
  declare title: string

  @column()
  declare kind: ModuleKind

  @column(decimalColumn)
  declare plannedHours: number

  @column()
  declare position: number

  @column()
  declare location: ModuleLocation

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Programme)
  declare programme: BelongsTo<typeof Programme>

  @hasMany(() => ClassSession)
  declare classSessions: HasMany<typeof ClassSession>
}
