import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { EnrollmentStatus } from '#enums/enrollment_status'
import type { ExitReason } from '#enums/exit_reason'
import type { CertificationResult } from '#enums/certification_result'
import Organization from '#models/organization'
import Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import AttendanceRecord from '#models/attendance_record'
import Internship from '#models/internship'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'

/**
 * A trainee in a cohort ("inscription").
 */
export default class Enrollment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare cohortId: number

  @column()
  declare traineeId: number

  @column()
  declare status: EnrollmentStatus

  @column.date()
  declare startsOn: DateTime

  @column.date()
  declare endsOn: DateTime | null

  @column.date()
  declare exitOn: DateTime | null

  @column()
  declare exitReason: ExitReason | null

  @column()
  declare certificationResult: CertificationResult | null

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

  @hasMany(() => AttendanceRecord)
  declare attendanceRecords: HasMany<typeof AttendanceRecord>

  @hasMany(() => Internship)
  declare internships: HasMany<typeof Internship>

  @hasMany(() => Outcome)
  declare outcomes: HasMany<typeof Outcome>

  @hasMany(() => FollowUp)
  declare followUps: HasMany<typeof FollowUp>

  get hasExited() {
    return this.exitOn !== null
  }
}
