import { DateTime } from 'luxon'
import { BaseModel, column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Cohort from '#models/cohort'
import ExportRun from '#models/export_run'
import { jsonColumn } from '#models/json_column'
import { booleanColumn } from '#models/boolean_column'

export const FUNDER_KINDS = [
  'gen_label',
  'region',
  'france_travail',
  'opco',
  'esf',
  'state',
  'foundation',
  'other',
] as const
export type FunderKind = (typeof FUNDER_KINDS)[number]

export default class Funder extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare kind: FunderKind

  /**
   * Whether the funder's legal basis requires names in exports
   * (exports are pseudonymised otherwise).
   */
  @column(booleanColumn)
  declare receivesNames: boolean

  @column(jsonColumn)
  declare absenceReasons: string[] | null

  @column(jsonColumn)
  declare outcomeDefinitions: string[] | null

  @column(jsonColumn)
  declare reportFormats: string[] | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  /**
   * Cohorts it funds, with `$extras.pivot_places_funded`.
   */
  @manyToMany(() => Cohort, {
    pivotTable: 'cohort_funders',
    pivotColumns: ['places_funded', 'organization_id'],
    pivotTimestamps: true,
  })
  declare cohorts: ManyToMany<typeof Cohort>

  @hasMany(() => ExportRun)
  declare exportRuns: HasMany<typeof ExportRun>
}
