import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Organization from '#models/organization'
import PartnerCompany from '#models/partner_company'
import Internship from '#models/internship'

/**
 * A person at a partner company: internship tutor, HR, manager…
 */
export default class CompanyContact extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare partnerCompanyId: number

  @column()
  declare fullName: string

  @column()
  declare role: string | null

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => PartnerCompany)
  declare partnerCompany: BelongsTo<typeof PartnerCompany>

  @hasMany(() => Internship, { foreignKey: 'tutorContactId' })
  declare tutoredInternships: HasMany<typeof Internship>
}
