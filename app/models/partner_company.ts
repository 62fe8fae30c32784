import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Organization from '#models/organization'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import ClassSession from '#models/class_session'

/**
 * A company that hosts internships and visits, and hires.
 */
export default class PartnerCompany extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare name: string

  @column()
  declare siret: string | null

  @column()
  declare sector: string | null

  @column()
  declare addressLine: string | null

  @column()
  declare postalCode: string | null

  @column()
  declare city: string | null

  @column()
  declare notes: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @hasMany(() => CompanyContact)
  declare contacts: HasMany<typeof CompanyContact>

  @hasMany(() => Internship)
  declare internships: HasMany<typeof Internship>

  @hasMany(() => ClassSession)
  declare classSessions: HasMany<typeof ClassSession>
}
