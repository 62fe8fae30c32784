import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { OutcomeCheckpoint } from '#enums/checkpoint'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { ContractType } from '#enums/contract_type'
import type { WorkingTime } from '#enums/working_time'
import type { OutcomeSource } from '#enums/outcome_source'
import Organization from '#models/organization'
import Enrollment from '#models/enrollment'
import PartnerCompany from '#models/partner_company'
import User from '#models/user'
import { booleanColumn } from '#models/boolean_column'

/**
 * What a trainee was doing at a checkpoint: raw facts only. Funder
 * categories (positive exit, durable employment…) are derived elsewhere.
 */
export default class Outcome extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare enrollmentId: number

  @column()
  declare checkpoint: OutcomeCheckpoint

  @column.date()
  declare observedOn: DateTime

  @column()
  declare situation: OutcomeSituation

  @column()
  declare contractType: ContractType | null

  @column()
  declare contractMonths: number | null

  @column()
  declare workingTime: WorkingTime | null

  @column.date()
  declare contractStartOn: DateTime | null

  @column()
  declare employerName: string | null

  @column()
  declare employerSiret: string | null

  /**
   * Set when the employer is one of the organisation's partner companies.
   */
  @column()
  declare partnerCompanyId: number | null

  @column()
  declare jobTitle: string | null

  @column()
  declare source: OutcomeSource

  @column()
  declare recordedById: number | null

  /**
   * Saved as declared but to be checked (see RecordOutcome).
   */
  @column(booleanColumn)
  declare needsReview: boolean

  @column()
  declare reviewReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Enrollment)
  declare enrollment: BelongsTo<typeof Enrollment>

  @belongsTo(() => PartnerCompany)
  declare partnerCompany: BelongsTo<typeof PartnerCompany>

  @belongsTo(() => User, { foreignKey: 'recordedById' })
  declare recordedBy: BelongsTo<typeof User>
}
