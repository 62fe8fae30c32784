import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { HalfDay } from '#enums/half_day'
import Organization from '#models/organization'
import Cohort from '#models/cohort'
import ProgrammeModule from '#models/programme_module'
import User from '#models/user'
import PartnerCompany from '#models/partner_company'
import AttendanceRecord from '#models/attendance_record'
import { booleanColumn } from '#models/boolean_column'
import { utcDateTime } from '#models/utc_date_time'
import type { SignatureMethod } from '#enums/signature_method'
import { PARIS } from '#services/sql_time'

/**
 * One scheduled slot of a cohort (a "séance"). Start and end are stored in
 * UTC; views show them in Paris time.
 */
export default class ClassSession extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare cohortId: number

  @column()
  declare programmeModuleId: number | null

  @column()
  declare trainerId: number | null

  @column()
  declare partnerCompanyId: number | null

  @column.dateTime(utcDateTime)
  declare startsAt: DateTime

  @column.dateTime(utcDateTime)
  declare endsAt: DateTime

  @column()
  declare room: string | null

  @column(booleanColumn)
  declare isCancelled: boolean

  /**
   * When the schedule holding this session was shown to trainees, and
   * when the session changed after that (to tell them).
   */
  @column.dateTime(utcDateTime)
  declare publishedAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare changedAt: DateTime | null

  /**
   * When the roll call was saved, and by whom: a past session without one
   * is a missing roll call.
   */
  @column.dateTime(utcDateTime)
  declare rollCallAt: DateTime | null

  @column()
  declare rollCallById: number | null

  /**
   * The trainer's own signature of the session.
   */
  @column.dateTime(utcDateTime)
  declare trainerSignedAt: DateTime | null

  @column()
  declare trainerSignatureMethod: SignatureMethod | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Cohort)
  declare cohort: BelongsTo<typeof Cohort>

  @belongsTo(() => ProgrammeModule)
  declare programmeModule: BelongsTo<typeof ProgrammeModule>

  @belongsTo(() => User, { foreignKey: 'trainerId' })
  declare trainer: BelongsTo<typeof User>

  @belongsTo(() => PartnerCompany)
  declare partnerCompany: BelongsTo<typeof PartnerCompany>

  @hasMany(() => AttendanceRecord)
  declare attendanceRecords: HasMany<typeof AttendanceRecord>

  static notCancelled = scope((query) => {
    query.where('is_cancelled', false)
  })

  /**
   * A session starting before 13:00, Paris time, is a morning one.
   */
  get halfDay(): HalfDay {
    return this.startsAt.setZone(PARIS).hour < 13 ? 'morning' : 'afternoon'
  }

  get durationMinutes() {
    return Math.round(this.endsAt.diff(this.startsAt, 'minutes').minutes)
  }

  /**
   * The session's hours: its duration.
   */
  get hours() {
    return this.durationMinutes / 60
  }
}
