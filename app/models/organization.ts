import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

export default class Organization extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare siret: string | null

  @column()
  declare nda: string | null

  @column()
  declare qualiopiStatus: 'none' | 'in_progress' | 'certified'

  @column.date()
  declare qualiopiValidUntil: DateTime | null

  @column()
  declare retentionRejectedYears: number

  @column()
  declare retentionAttendanceYears: number

  @column()
  declare retentionAttendanceEsfYears: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => User)
  declare users: HasMany<typeof User>
}
