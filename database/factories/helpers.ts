import { DateTime } from 'luxon'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { FactoryContextContract } from '@adonisjs/lucid/types/factory'
import { OrganizationFactory } from '#database/factories/organization_factory'

/*
|--------------------------------------------------------------------------
| Deterministic, French-looking values (no faker)
|--------------------------------------------------------------------------
*/

export const FIRST_NAMES = [
  'Amina',
  'Sophie',
  'Nadia',
  'Fatou',
  'Julie',
  'Karima',
  'Léa',
  'Samira',
  'Chloé',
  'Aïcha',
  'Marie',
  'Inès',
  'Yasmine',
  'Camille',
  'Mélissa',
  'Sarah',
  'Kévin',
  'Mamadou',
  'Thomas',
  'Youssef',
] as const

/**
 * The first names above from this index on are men's.
 */
export const FIRST_MALE_NAME = 16

export const LAST_NAMES = [
  'Martin',
  'Benali',
  'Diallo',
  'Lefebvre',
  'Moreau',
  'Haddad',
  'Traoré',
  'Leroy',
  'Roux',
  'Nguyen',
  'Fournier',
  'Mercier',
  'Bouaziz',
  'Girard',
  'Lambert',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Sanchez',
] as const

export const PLACES = [
  { city: 'Rouen', postalCode: '76000', departmentCode: '76' },
  { city: 'Le Havre', postalCode: '76600', departmentCode: '76' },
  { city: 'Saint-Denis', postalCode: '93200', departmentCode: '93' },
  { city: 'Strasbourg', postalCode: '67000', departmentCode: '67' },
  { city: 'Pointe-à-Pitre', postalCode: '97110', departmentCode: '971' },
  { city: 'Caen', postalCode: '14000', departmentCode: '14' },
  { city: 'Montreuil', postalCode: '93100', departmentCode: '93' },
  { city: 'Metz', postalCode: '57000', departmentCode: '57' },
] as const

export const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'boulevard Gambetta',
  'rue des Tilleuls',
  'place de la Mairie',
] as const

/**
 * The n-th item of a list, going round (n starts at 1).
 */
export function nth<T>(list: readonly T[], n: number): T {
  return list[(n - 1) % list.length]
}

export function pad(n: number, width: number) {
  return String(n).padStart(width, '0')
}

/**
 * Lower-case ASCII for emails and slugs: "Aïcha Traoré" → "aicha.traore".
 */
export function asciiSlug(text: string, separator = '.') {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '')
}

/**
 * A 14-digit SIRET that passes the Luhn check, different for each n.
 */
export function siret(n: number) {
  const partial = `8${pad(n, 12)}`
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(`${partial}${digit}`)) return `${partial}${digit}`
  }
  throw new Error('unreachable')
}

function luhnValid(digits: string) {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      value *= 2
      if (value > 9) value -= 9
    }
    sum += value
  }
  return sum % 10 === 0
}

export function mobilePhone(n: number) {
  return `06 ${pad(10 + (n % 90), 2)} ${pad(n % 100, 2)} ${pad((n * 7) % 100, 2)} ${pad((n * 13) % 100, 2)}`
}

export const PARIS = 'Europe/Paris'

/**
 * Default cohort dates: a 12-week cohort that started 4 weeks ago (on a
 * Monday), so a default cohort is running, with past and future sessions.
 */
export function defaultCohortDates() {
  const startsOn = DateTime.now().setZone(PARIS).startOf('week').minus({ weeks: 4 })
  return { startsOn, endsOn: startsOn.plus({ weeks: 12 }).minus({ days: 3 }) }
}

/**
 * The k-th weekday (Monday to Friday) from a Monday, k starting at 0.
 */
export function weekdayFrom(monday: DateTime, k: number) {
  return monday.plus({ weeks: Math.floor(k / 5), days: k % 5 })
}

/*
|--------------------------------------------------------------------------
| Keeping every factory-made row inside one organisation
|--------------------------------------------------------------------------
|
| Each organisation-owned factory fills what was not given in a
| `before('create')` hook: its organisation first (from the row it is
| created for, else from a parent given by id, else a new one), then the
| parents it needs, created in that organisation. So
| `CohortFactory.create()` makes a whole chain, and
| `EnrollmentFactory.merge({ cohortId: cohort.id }).create()` enrolls a new
| trainee of the cohort's organisation.
*/

type FactoryBuilderInternals = {
  parent?: { organizationId?: number | null }
  withBelongsToRelations?: { name: string }[]
}

/**
 * Whether `.with(relation)` will create that parent after the hooks run
 * (Lucid creates belongsTo relations right before saving), in which case
 * the hook must not create one too.
 */
export function willCreate(builder: object, relation: string) {
  const pending = (builder as FactoryBuilderInternals).withBelongsToRelations ?? []
  return pending.some(({ name }) => name === relation)
}

/**
 * The organisation a new row belongs to: the one of the row it is created
 * for (a hasMany parent or, through `.with()`, the child of a belongsTo),
 * else the one of the first parent given by id, else a new organisation.
 */
export async function organizationIdFor(
  builder: object,
  ctx: FactoryContextContract,
  parents: [LucidModel, number | null | undefined][] = []
): Promise<number> {
  const related = (builder as FactoryBuilderInternals).parent
  if (related?.organizationId) return related.organizationId

  for (const [Model, id] of parents) {
    if (!id) continue
    const row = await Model.query({ client: ctx.$trx }).where('id', id).firstOrFail()
    const organizationId = (row as unknown as { organizationId: number | null }).organizationId
    if (organizationId) return organizationId
  }

  const organization = await OrganizationFactory.useCtx(ctx).create()
  return organization.id
}

/**
 * A row found by id in the factory's transaction.
 */
export function findIn<Model extends LucidModel>(
  Model: Model,
  id: number,
  ctx: FactoryContextContract
): Promise<InstanceType<Model>> {
  return Model.query({ client: ctx.$trx }).where('id', id).firstOrFail()
}
