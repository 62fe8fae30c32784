import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ApplicationSource } from '#enums/application_source'
import type { ApplicationStatus } from '#enums/application_status'
import Organization from '#models/organization'
import Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import ApplicationStatusChange from '#models/application_status_change'
import { jsonColumn } from '#models/json_column'
import { nullableBooleanColumn } from '#models/boolean_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * The eligibility check's result, with the reasons a person can read.
 */
export type ApplicationEligibility = {
  result: string
  reasons: string[]
  [key: string]: unknown
}

/**
 * A trainee applying to a cohort ("candidature").
 */
export default class Application extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare cohortId: number

  @column()
  declare traineeId: number

  @column()
  declare source: ApplicationSource

  @column()
  declare motivation: string | null

  /**
   * When the applicant can attend, in their own words.
   */
  @column()
  declare availability: string | null

  /**
   * A trainee of the organisation who looks like the same person (same
   * email, or same name and birth date), waiting for a coordinator to
   * confirm the link; null when none.
   */
  @column()
  declare duplicateOfTraineeId: number | null

  @column()
  declare status: ApplicationStatus

  @column(jsonColumn)
  declare eligibility: ApplicationEligibility | null

  /**
   * Null until eligibility has been checked.
   */
  @column(nullableBooleanColumn)
  declare eligible: boolean | null

  @column.dateTime(utcDateTime)
  declare rgpdConsentAt: DateTime | null

  /**
   * Rejected applicants are purged 2 years after the last contact.
   */
  @column.dateTime(utcDateTime)
  declare lastContactAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Cohort)
  declare cohort: BelongsTo<typeof Cohort>

  @belongsTo(() => Trainee)
  declare trainee: BelongsTo<typeof Trainee>

  @hasMany(() => ApplicationStatusChange, {
    onQuery: (query) => {
      if (!query.isRelatedSubQuery) query.orderBy('created_at').orderBy('id')
    },
  })
  declare statusChanges: HasMany<typeof ApplicationStatusChange>
}
