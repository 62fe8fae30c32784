import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, manyToMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import type { CohortStatus } from '#enums/cohort_status'
import Organization from '#models/organization'
import Programme from '#models/programme'
import Site from '#models/site'
import User from '#models/user'
import Funder from '#models/funder'
import ClassSession from '#models/class_session'
import Application from '#models/application'
import Enrollment from '#models/enrollment'
import { booleanColumn } from '#models/boolean_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * A programme run at a site between two dates (a "promotion").
 */
export default class Cohort extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare programmeId: number

  @column()
  declare siteId: number

  @column()
  declare coordinatorId: number | null

  @column()
  declare name: string

  @column.date()
  declare startsOn: DateTime

  @column.date()
  declare endsOn: DateTime

  @column()
  declare capacity: number

  @column()
  declare status: CohortStatus

  /**
   * Co-financed by the European Social Fund: attendance evidence is then
   * kept 10 years instead of 6.
   */
  @column(booleanColumn)
  declare esfCofinanced: boolean

  /**
   * When the attendance evidence was deleted at the end of its retention.
   */
  @column.dateTime(utcDateTime)
  declare attendancePurgedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Programme)
  declare programme: BelongsTo<typeof Programme>

  @belongsTo(() => Site)
  declare site: BelongsTo<typeof Site>

  @belongsTo(() => User, { foreignKey: 'coordinatorId' })
  declare coordinator: BelongsTo<typeof User>

  /**
   * Funders with the places each pays for, read as
   * `funder.$extras.pivot_places_funded`. Attaching needs the cohort's
   * organisation: `attach({ [id]: { places_funded, organization_id } })`.
   */
  @manyToMany(() => Funder, {
    pivotTable: 'cohort_funders',
    pivotColumns: ['places_funded', 'organization_id'],
    pivotTimestamps: true,
  })
  declare funders: ManyToMany<typeof Funder>

  @hasMany(() => ClassSession)
  declare classSessions: HasMany<typeof ClassSession>

  @hasMany(() => Application)
  declare applications: HasMany<typeof Application>

  @hasMany(() => Enrollment)
  declare enrollments: HasMany<typeof Enrollment>

  static running = scope((query) => {
    query.where('status', 'running')
  })

  /**
   * Cohorts that are being prepared or run: neither completed nor cancelled.
   */
  static current = scope((query) => {
    query.whereIn('status', ['planned', 'recruiting', 'running'])
  })

  static recruiting = scope((query) => {
    query.where('status', 'recruiting')
  })
}
