import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { AttendanceStatus } from '#enums/attendance_status'
import type { SignatureMethod } from '#enums/signature_method'
import Organization from '#models/organization'
import ClassSession from '#models/class_session'
import Enrollment from '#models/enrollment'
import User from '#models/user'
import { nullableBooleanColumn } from '#models/boolean_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * One trainee at one class session, with the proof of their signature.
 * Unique per (class session, enrollment); changes are audited.
 */
export default class AttendanceRecord extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare classSessionId: number

  @column()
  declare enrollmentId: number

  @column()
  declare status: AttendanceStatus

  /**
   * Minutes missed by a late (or early-leaving) trainee.
   */
  @column()
  declare minutesMissed: number

  /**
   * A reason from the funder's list.
   */
  @column()
  declare absenceReason: string | null

  @column(nullableBooleanColumn)
  declare absenceJustified: boolean | null

  @column()
  declare proofPath: string | null

  @column.dateTime(utcDateTime)
  declare signedAt: DateTime | null

  @column()
  declare signatureMethod: SignatureMethod | null

  @column()
  declare signatureDevice: string | null

  @column()
  declare signatureIp: string | null

  @column()
  declare recordedById: number | null

  /**
   * When the trainee announced this absence in advance (null otherwise).
   */
  @column.dateTime(utcDateTime)
  declare announcedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => ClassSession)
  declare classSession: BelongsTo<typeof ClassSession>

  @belongsTo(() => Enrollment)
  declare enrollment: BelongsTo<typeof Enrollment>

  @belongsTo(() => User, { foreignKey: 'recordedById' })
  declare recordedBy: BelongsTo<typeof User>

  get isSigned() {
    return this.signedAt !== null
  }
}
