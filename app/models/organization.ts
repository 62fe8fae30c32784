import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Site from '#models/site'
import Programme from '#models/programme'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import Application from '#models/application'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import ExportRun from '#models/export_run'
import AuditEvent from '#models/audit_event'

export default class Organization extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare siret: string | null

  @column()
  declare nda: string | null

  @column()
  declare qualiopiStatus: 'none' | 'in_progress' | 'certified'

  @column.date()
  declare qualiopiValidUntil: DateTime | null

  @column()
  declare retentionRejectedYears: number

  @column()
  declare retentionAttendanceYears: number

  @column()
  declare retentionAttendanceEsfYears: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  /*
   * Everything the organisation owns: scope queries through these
   * (`organization.related('cohorts').query()`).
   */

  @hasMany(() => Site)
  declare sites: HasMany<typeof Site>

  @hasMany(() => Programme)
  declare programmes: HasMany<typeof Programme>

  @hasMany(() => Cohort)
  declare cohorts: HasMany<typeof Cohort>

  @hasMany(() => ClassSession)
  declare classSessions: HasMany<typeof ClassSession>

  @hasMany(() => Trainee)
  declare trainees: HasMany<typeof Trainee>

  @hasMany(() => Application)
  declare applications: HasMany<typeof Application>

  @hasMany(() => Enrollment)
  declare enrollments: HasMany<typeof Enrollment>

  @hasMany(() => AttendanceRecord)
  declare attendanceRecords: HasMany<typeof AttendanceRecord>

  @hasMany(() => PartnerCompany)
  declare partnerCompanies: HasMany<typeof PartnerCompany>

  @hasMany(() => CompanyContact)
  declare companyContacts: HasMany<typeof CompanyContact>

  @hasMany(() => Internship)
  declare internships: HasMany<typeof Internship>

  @hasMany(() => Outcome)
  declare outcomes: HasMany<typeof Outcome>

  @hasMany(() => FollowUp)
  declare followUps: HasMany<typeof FollowUp>

  @hasMany(() => ExportRun)
  declare exportRuns: HasMany<typeof ExportRun>

  @hasMany(() => AuditEvent)
  declare auditEvents: HasMany<typeof AuditEvent>
}
