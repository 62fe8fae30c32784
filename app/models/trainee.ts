import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { Sex } from '#enums/sex'
import type { QpvGeography } from '#enums/qpv_geography'
import type { RqthStatus } from '#enums/rqth_status'
import Organization from '#models/organization'
import User from '#models/user'
import Application from '#models/application'
import Enrollment from '#models/enrollment'
import { booleanColumn } from '#models/boolean_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * The person ("stagiaire"), from their first application on.
 */
export default class Trainee extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  /**
   * Their account, once they have one.
   */
  @column()
  declare userId: number | null

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare email: string | null

  @column()
  declare phone: string | null

  @column.date()
  declare birthDate: DateTime | null

  @column()
  declare sex: Sex | null

  @column()
  declare addressLine: string | null

  @column()
  declare postalCode: string | null

  @column()
  declare city: string | null

  /**
   * Lives in a priority neighbourhood; the code is read in the 2015 or
   * 2024 list.
   */
  @column(booleanColumn)
  declare qpv: boolean

  @column()
  declare qpvCode: string | null

  @column()
  declare qpvGeography: QpvGeography | null

  @column(booleanColumn)
  declare zrr: boolean

  /**
   * 2019 framework level 1 to 8, 0 for no qualification, null if unknown.
   */
  @column()
  declare qualificationLevel: number | null

  @column(booleanColumn)
  declare jobSeeker: boolean

  @column.date()
  declare jobSeekerSince: DateTime | null

  @column()
  declare franceTravailId: string | null

  @column(booleanColumn)
  declare neet: boolean

  @column(booleanColumn)
  declare rsa: boolean

  /**
   * Health data: for coordinators and admins only, never serialized.
   */
  @column({ serializeAs: null })
  declare rqth: RqthStatus

  @column.dateTime({ ...utcDateTime, serializeAs: null })
  declare rqthConsentAt: DateTime | null

  @column()
  declare prescriber: string | null

  @column()
  declare payer: string | null

  /**
   * When the person's identity was erased (on request or by the retention
   * purge); null while they are known.
   */
  @column.dateTime(utcDateTime)
  declare anonymizedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @hasMany(() => Application)
  declare applications: HasMany<typeof Application>

  @hasMany(() => Enrollment)
  declare enrollments: HasMany<typeof Enrollment>

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  /**
   * Age in whole years on a date (today by default), null without a birth date.
   */
  ageOn(date: DateTime = DateTime.now()) {
    if (!this.birthDate) return null
    return Math.floor(date.diff(this.birthDate, 'years').years)
  }
}
