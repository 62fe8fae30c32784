import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { InternshipKind } from '#enums/internship_kind'
import type { InternshipStatus } from '#enums/internship_status'
import Organization from '#models/organization'
import Enrollment from '#models/enrollment'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import { jsonColumn } from '#models/json_column'
import { decimalColumn } from '#models/decimal_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * An enrollment's time at a company: an in-training stage or a PMSMP.
 */
export default class Internship extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare enrollmentId: number

  @column()
  declare partnerCompanyId: number

  @column()
  declare tutorContactId: number | null

  @column()
  declare kind: InternshipKind

  /**
   * Who prescribed a PMSMP (France Travail, Mission Locale, Cap emploi…).
   */
  @column()
  declare prescriber: string | null

  @column.date()
  declare startsOn: DateTime

  @column.date()
  declare endsOn: DateTime

  @column(decimalColumn)
  declare hoursTotal: number | null

  @column(decimalColumn)
  declare weeklyHours: number | null

  @column()
  declare place: string | null

  @column()
  declare tasks: string | null

  @column()
  declare objectives: string | null

  @column()
  declare evaluationMethod: string | null

  @column()
  declare status: InternshipStatus

  /**
   * The tutor's evaluation, as filled in.
   */
  @column(jsonColumn)
  declare evaluation: Record<string, unknown> | null

  @column.dateTime(utcDateTime)
  declare evaluatedAt: DateTime | null

  /**
   * The day of each status move (migration 0014), null until it happens.
   */
  @column.date()
  declare agreementSentOn: DateTime | null

  @column.date()
  declare signedOn: DateTime | null

  @column.date()
  declare startedOn: DateTime | null

  @column.date()
  declare completedOn: DateTime | null

  @column.date()
  declare cancelledOn: DateTime | null

  @column()
  declare cancelReason: string | null

  /**
   * The signed agreement's scan on the private disk
   * (`agreements/<organisation>/<uuid>.<ext>`), sent only through an
   * authorized route.
   */
  @column({ serializeAs: null })
  declare signedAgreementKey: string | null

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

  @belongsTo(() => CompanyContact, { foreignKey: 'tutorContactId' })
  declare tutor: BelongsTo<typeof CompanyContact>
}
