import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column, hasMany, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, HasOne } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import type { Role } from '#enums/role'
import Organization from '#models/organization'
import Funder from '#models/funder'
import LoginToken from '#models/login_token'
import Trainee from '#models/trainee'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import { booleanColumn } from '#models/boolean_column'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number | null

  @column()
  declare funderId: number | null

  @column()
  declare fullName: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string | null

  @column()
  declare role: Role

  @column()
  declare locale: string

  @column(booleanColumn)
  declare isActive: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  /**
   * Secret of the private calendar feed (null until first asked for).
   */
  @column({ serializeAs: null })
  declare calendarToken: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Funder)
  declare funder: BelongsTo<typeof Funder>

  @hasMany(() => LoginToken)
  declare loginTokens: HasMany<typeof LoginToken>

  /**
   * The trainee record a trainee account signs in for.
   */
  @hasOne(() => Trainee)
  declare trainee: HasOne<typeof Trainee>

  @hasMany(() => Cohort, { foreignKey: 'coordinatorId' })
  declare coordinatedCohorts: HasMany<typeof Cohort>

  @hasMany(() => ClassSession, { foreignKey: 'trainerId' })
  declare taughtSessions: HasMany<typeof ClassSession>

  get isAdmin() {
    return this.role === 'admin'
  }

  get isCoordinator() {
    return this.role === 'coordinator'
  }

  get isTrainer() {
    return this.role === 'trainer'
  }

  get isTrainee() {
    return this.role === 'trainee'
  }

  get isFunder() {
    return this.role === 'funder'
  }

  /**
   * Admins and coordinators manage the organisation's data.
   */
  get isManager() {
    return this.role === 'admin' || this.role === 'coordinator'
  }
}
