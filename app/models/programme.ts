import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { BpfObjective } from '#enums/bpf_objective'
import type { CertificationKind } from '#enums/certification_kind'
import type { ProgrammeStatus } from '#enums/programme_status'
import Organization from '#models/organization'
import ProgrammeModule from '#models/programme_module'
import Cohort from '#models/cohort'
import { jsonColumn } from '#models/json_column'
import { decimalColumn } from '#models/decimal_column'

/**
 * Who may apply, as configured on the programme and read by the
 * eligibility rules (e.g. `{ maxQualificationLevel: 4, minAge: 16 }`).
 */
export type EligibilityRules = Record<string, unknown>

/**
 * Target shares of the label mix, between 0 and 1 (e.g. `{ women: 0.3 }`).
 */
export type TargetRatios = Record<string, number>

export default class Programme extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organizationId: number

  @column()
  declare title: string

  @column()
  declare slug: string

  @column()
  declare description: string | null

  @column()
  declare totalHours: number

  @column()
  declare certificationKind: CertificationKind

  /**
   * RNCP or RS code, e.g. 'RNCP37674' or 'RS5890'.
   */
  @column()
  declare certificationCode: string | null

  @column()
  declare certificationLevel: number | null

  @column()
  declare formacode: string | null

  @column()
  declare nsfCode: string | null

  @column()
  declare bpfObjective: BpfObjective | null

  /**
   * Grande École du Numérique label, granted per training for 3 years.
   */
  @column()
  declare genLabelId: string | null

  @column.date()
  declare genLabelValidFrom: DateTime | null

  @column.date()
  declare genLabelValidUntil: DateTime | null

  @column(jsonColumn)
  declare eligibilityRules: EligibilityRules | null

  @column(jsonColumn)
  declare targetRatios: TargetRatios | null

  @column()
  declare status: ProgrammeStatus

  /**
   * Attendance (migration 0012): the share of the planned hours a trainee
   * must attend (0–1), and when the coordinator is warned — so many
   * unjustified absent half-days within so many days, or a rate under a
   * floor (0 turns a warning off). See #actions/attendance/compute_attendance.
   */
  @column(decimalColumn)
  declare minAttendanceRate: number

  @column()
  declare alertUnjustifiedHalfDays: number

  @column()
  declare alertWindowDays: number

  @column(decimalColumn)
  declare alertMinRate: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organization)
  declare organization: BelongsTo<typeof Organization>

  @hasMany(() => ProgrammeModule, {
    onQuery: (query) => {
      if (!query.isRelatedSubQuery) query.orderBy('position').orderBy('id')
    },
  })
  declare modules: HasMany<typeof ProgrammeModule>

  @hasMany(() => Cohort)
  declare cohorts: HasMany<typeof Cohort>

  static notArchived = scope((query) => {
    query.whereNot('status', 'archived')
  })

  get isGenLabelled() {
    return this.genLabelId !== null
  }
}
