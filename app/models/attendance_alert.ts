import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { AttendanceAlertKind } from '#enums/attendance_alert_kind'
import Organization from '#models/organization'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import User from '#models/user'
import { jsonColumn } from '#models/json_column'
import { utcDateTime } from '#models/utc_date_time'

/**
 * The figures an alert was raised on, as they were then.
 */
export type AttendanceAlertDetails = {
  /** `unjustified_half_days`: half-days counted, threshold, window in days. */
  halfDays?: number
  threshold?: number
  windowDays?: number
  /** `low_rate`: the rate (0–1) over the sessions with a roll call, the floor. */
  rate?: number
  minRate?: number
  attendedMinutes?: number
  recordedMinutes?: number
}

/**
 * An attendance alert for one enrollment (see migration 0012): raised by
 * CheckAttendanceAlerts, mailed to the coordinator, acknowledged by a
 * coordinator ("vue / traitée"), resolved by the check once the situation
 * is over. Only one unresolved alert of a kind per enrollment.
 */
export default class AttendanceAlert extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare cohortId: number

  @column()
  declare enrollmentId: number

  @column()
  declare kind: AttendanceAlertKind

  @column(jsonColumn)
  declare details: AttendanceAlertDetails | null

  @column.dateTime(utcDateTime)
  declare raisedAt: DateTime

  @column.dateTime(utcDateTime)
  declare notifiedAt: DateTime | null

  @column.dateTime(utcDateTime)
  declare acknowledgedAt: DateTime | null

  @column()
  declare acknowledgedById: number | null

  @column()
  declare acknowledgementNote: string | null

  @column.dateTime(utcDateTime)
  declare resolvedAt: DateTime | null

  /**
   * 1 while the situation lasts, null once resolved (the unique key).
   */
  @column()
  declare unresolved: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @belongsTo(() => Cohort)
  declare cohort: BelongsTo<typeof Cohort>

  @belongsTo(() => Enrollment)
  declare enrollment: BelongsTo<typeof Enrollment>

  @belongsTo(() => User, { foreignKey: 'acknowledgedById' })
  declare acknowledgedBy: BelongsTo<typeof User>

  /**
   * Waiting for a coordinator: neither acknowledged nor resolved.
   */
  get isOpen() {
    return this.acknowledgedAt === null && this.resolvedAt === null
  }
}
