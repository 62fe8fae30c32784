/*
|--------------------------------------------------------------------------
| The demo world
|--------------------------------------------------------------------------
|
| What `node ace db:seed` loads (database/seeders/main_seeder.ts): two
| training organisations, their funders, programmes, five cohorts, about
| 80 trainees with their applications, enrollments, schedule, attendance,
| internships, outcomes and follow-ups, and the demo accounts.
|
| - Dates are relative to today (Paris time): whenever the demo starts,
|   one Digit'Elles cohort is running and has sessions this week.
| - Deterministic: every choice comes from a seeded pseudo-random
|   generator, so the world looks the same every time but for the dates.
| - Idempotent: everything is written in one transaction, and nothing is
|   written when the organisation 'trajectio' already exists.
| - Fast: sessions, attendance and the other big tables go in multi-row
|   inserts, chunked under SQLite's 999-variable limit.
|
| The schedule skips weekends and the fixed-date French public holidays
| only (no Easter-based ones: no holiday library is installed yet).
|
*/

import { DateTime } from 'luxon'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApplicationSource } from '#enums/application_source'
import type { ApplicationStatus } from '#enums/application_status'
import type { AttendanceStatus } from '#enums/attendance_status'
import type { ContractType } from '#enums/contract_type'
import type { ExitReason } from '#enums/exit_reason'
import type { InternshipStatus } from '#enums/internship_status'
import type { ModuleKind } from '#enums/module_kind'
import type { ModuleLocation } from '#enums/module_location'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { OutcomeSource } from '#enums/outcome_source'
import type { Role } from '#enums/role'
import type { Sex } from '#enums/sex'
import type { SignatureMethod } from '#enums/signature_method'
import type { WorkingTime } from '#enums/working_time'
import Application from '#models/application'
import Cohort from '#models/cohort'
import CompanyContact from '#models/company_contact'
import Enrollment from '#models/enrollment'
import Funder, { type FunderKind } from '#models/funder'
import Organization from '#models/organization'
import PartnerCompany from '#models/partner_company'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import Site from '#models/site'
import Trainee from '#models/trainee'
import User from '#models/user'
import { PARIS } from '#services/sql_time'
import { checkEligibility, eligibilityColumns } from '#actions/applications/check_eligibility'

/*
|--------------------------------------------------------------------------
| Demo accounts
|--------------------------------------------------------------------------
*/

export const DEMO_PASSWORD = 'cohorte-demo'

export type DemoAccount = { role: Role; email: string; password: string; home: string }

/**
 * The five accounts the demo prints, one per role, with the page each
 * lands on.
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'admin', email: 'admin@trajectio.demo', password: DEMO_PASSWORD, home: '/admin/comptes' },
  {
    role: 'coordinator',
    email: 'coordination@trajectio.demo',
    password: DEMO_PASSWORD,
    home: '/coordination',
  },
  {
    role: 'trainer',
    email: 'formation@trajectio.demo',
    password: DEMO_PASSWORD,
    home: '/formateur/seances',
  },
  {
    role: 'trainee',
    email: 'stagiaire@trajectio.demo',
    password: DEMO_PASSWORD,
    home: '/mon-planning',
  },
  {
    role: 'funder',
    email: 'financeur@region-normandie.demo',
    password: DEMO_PASSWORD,
    home: '/financeur/promotions',
  },
]

/**
 * Other accounts of the demo, same password.
 */
export const OTHER_DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'admin', email: 'admin@code93.demo', password: DEMO_PASSWORD, home: '/admin/comptes' },
  {
    role: 'coordinator',
    email: 'coordination@code93.demo',
    password: DEMO_PASSWORD,
    home: '/coordination',
  },
  {
    role: 'funder',
    email: 'financeur@gen.demo',
    password: DEMO_PASSWORD,
    home: '/financeur/promotions',
  },
]

/**
 * Natural keys of what the demo creates: deleting these organisations
 * (everything they own cascades) and funders removes the whole world.
 */
export const DEMO_ORGANIZATION_SLUGS = ['trajectio', 'code93']
export const DEMO_FUNDER_SLUGS = [
  'grande-ecole-du-numerique',
  'region-normandie',
  'france-travail',
  'opco-atlas',
  'fondation-numerique-solidaire',
]

/**
 * Writes the five main accounts where `npm run demo` reads them.
 */
export async function writeDemoAccounts(path: string) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, JSON.stringify(DEMO_ACCOUNTS, null, 2) + '\n')
}

/**
 * The accounts as a plain-text table, for the console.
 */
export function formatDemoAccounts(accounts: DemoAccount[] = DEMO_ACCOUNTS) {
  const titles = ['Rôle', 'E-mail', 'Mot de passe', 'Page d’accueil']
  const rows = accounts.map((a) => [a.role, a.email, a.password, a.home])
  const widths = titles.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length))
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(titles), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/*
|--------------------------------------------------------------------------
| Entry point
|--------------------------------------------------------------------------
*/

export type DemoWorldResult = { created: boolean }

/**
 * Builds the demo world in one transaction, unless it is already there
 * (the organisation 'trajectio' exists): then nothing is written.
 */
export async function seedDemoWorld(
  client: QueryClientContract,
  options: { now?: DateTime } = {}
): Promise<DemoWorldResult> {
  const now = options.now ?? DateTime.now()
  return client.transaction(async (trx) => {
    const existing = await trx.from('organizations').where('slug', 'trajectio').first()
    if (existing) return { created: false }
    await new DemoWorld(trx, now).build()
    return { created: true }
  })
}

/*
|--------------------------------------------------------------------------
| Small tools: random numbers, SIRET, schedule
|--------------------------------------------------------------------------
*/

const SEED = 20_150_401

/**
 * mulberry32: a small seeded generator. `Random.for(label)` gives an
 * independent stream per concern, so adding a session does not reshuffle
 * the trainees.
 */
export class Random {
  #state: number

  constructor(seed: number) {
    this.#state = seed >>> 0
  }

  static for(label: string) {
    let hash = 0x811c9dc5
    for (let i = 0; i < label.length; i++) {
      hash ^= label.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
    return new Random(SEED ^ hash)
  }

  next() {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /**
   * An integer between min and max, both included.
   */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number) {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let r = this.next() * total
    for (const [value, weight] of entries) {
      r -= weight
      if (r < 0) return value
    }
    return entries[entries.length - 1][0]
  }
}

/**
 * The digit that makes `digits` followed by it pass the Luhn check.
 */
export function luhnCheckDigit(digits: string) {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      n *= 2
      if (n > 9) n -= 9
    }
    sum += n
  }
  return (10 - (sum % 10)) % 10
}

export function isLuhnValid(digits: string) {
  return /^\d+$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1))
}

/**
 * A 14-digit SIRET whose SIREN (9 digits) and whole number both pass the
 * Luhn check, from an 8-digit SIREN stem and a 4-digit establishment stem.
 */
export function makeSiret(sirenStem: string, nicStem: string) {
  const siren = sirenStem + luhnCheckDigit(sirenStem)
  const body = siren + nicStem
  return body + luhnCheckDigit(body)
}

/**
 * Fixed-date French public holidays (month-day). Easter-based ones
 * (Easter Monday, Ascension, Whit Monday) need a holiday library.
 */
export const FIXED_PUBLIC_HOLIDAYS = [
  '01-01',
  '05-01',
  '05-08',
  '07-14',
  '08-15',
  '11-01',
  '11-11',
  '12-25',
]

/**
 * The week's slots, Paris time: Monday to Thursday 9:00–12:30 and
 * 13:30–17:00, Friday 9:00–12:30.
 */
const MORNING = { hour: 9, minute: 0 }
const AFTERNOON = { hour: 13, minute: 30 }
const SLOT_MINUTES = 210

function slotsOf(day: DateTime) {
  if (day.weekday > 5) return []
  if (FIXED_PUBLIC_HOLIDAYS.includes(day.toFormat('MM-dd'))) return []
  return day.weekday === 5 ? [MORNING] : [MORNING, AFTERNOON]
}

export type PlannedSlot = { moduleIndex: number; startsAt: DateTime; endsAt: DateTime }

/**
 * Lays the modules' hours, in order, on the weekly slots from a first
 * day (Paris time). A module's last slot is shortened to its remaining
 * hours, so the schedule adds up exactly to the curriculum.
 */
export function planSchedule(firstDay: DateTime, moduleHours: number[]): PlannedSlot[] {
  const slots: PlannedSlot[] = []
  let moduleIndex = 0
  let remaining = Math.round(moduleHours[0] * 60)
  let day = firstDay.setZone(PARIS).startOf('day')
  while (moduleIndex < moduleHours.length) {
    for (const slot of slotsOf(day)) {
      if (moduleIndex >= moduleHours.length) break
      const minutes = Math.min(SLOT_MINUTES, remaining)
      const startsAt = day.set(slot)
      slots.push({ moduleIndex, startsAt, endsAt: startsAt.plus({ minutes }) })
      remaining -= minutes
      while (remaining === 0 && moduleIndex < moduleHours.length) {
        moduleIndex++
        remaining =
          moduleIndex < moduleHours.length ? Math.round(moduleHours[moduleIndex] * 60) : -1
      }
    }
    day = day.plus({ days: 1 })
  }
  return slots
}

function slug(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/*
|--------------------------------------------------------------------------
| Reference data
|--------------------------------------------------------------------------
*/

/**
 * A comma-separated list (names may hold spaces: 'Da Silva').
 */
function list(text: string) {
  return text.split(',').map((item) => item.trim())
}

const WOMEN_FIRST_NAMES = list(
  'Aïcha, Amina, Aminata, Anaïs, Audrey, Aurélie, Awa, Céline, Chloé, Christelle, Cindy,' +
    'Corinne, Djeneba, Élodie, Émilie, Fatima, Fatoumata, Gwendoline, Hawa, Hind, Inès,' +
    'Isabelle, Jessica, Justine, Karima, Kelly, Khadija, Laetitia, Léa, Leïla, Lina, Linda,' +
    'Malika, Manon, Mariama, Marine, Mélissa, Nadège, Naïma, Nathalie, Noémie, Nour, Océane,' +
    'Ophélie, Patricia, Pauline, Priscilla, Rania, Rokia, Sabrina, Salomé, Samira, Sandrine,' +
    'Sarah, Sonia, Stéphanie, Sylvie, Valérie, Yasmina, Zoé'
)

const MEN_FIRST_NAMES = list(
  'Adama, Alexandre, Anthony, Bilal, Dylan, Enzo, Hugo, Ibrahima, Ilyes, Jordan, Julien,' +
    'Karim, Kevin, Kylian, Loïc, Lucas, Mamadou, Maxime, Mehdi, Mohamed, Moussa, Nicolas,' +
    'Rayan, Samuel, Sofiane, Théo, Thomas, Wassim, Yanis, Youssef'
)

const LAST_NAMES = list(
  'Amrani, Belkacem, Benali, Bernard, Blanc, Bonnet, Bouzid, Boyer, Cherif, Chevalier,' +
    'Cissé, Da Silva, Delaunay, Diallo, Diop, Dubois, Duval, Faure, Ferreira, Fontaine,' +
    'Fournier, Garcia, Garnier, Gauthier, Girard, Guérin, Haddad, Hamidi, Hébert, Henry,' +
    'Kaya, Koné, Lambert, Laurent, Le Gall, Lebrun, Lecanu, Leclerc, Lecomte, Lecoq,' +
    'Lefebvre, Lefrançois, Legrand, Lemaire, Lemonnier, Leroy, Mansouri, Marchand, Marie,' +
    'Martin, Mercier, Michel, Moreau, Morel, Ndiaye, Nguyen, Osmont, Pereira, Perrin, Pham,' +
    'Rousseau, Roux, Saïdi, Simon, Touré, Tran, Traoré, Vasseur, Vincent, Yilmaz'
)

const STREETS = [
  'rue Victor-Hugo',
  'avenue Jean-Jaurès',
  'rue Pasteur',
  'allée des Tilleuls',
  'rue de la République',
  'boulevard de l’Europe',
  'rue des Écoles',
  'place du Marché',
  'rue Jules-Ferry',
  'rue Gambetta',
  'résidence Les Sapins',
  'rue du Général-Leclerc',
  'chemin des Prés',
  'rue Lucie-Aubrac',
  'avenue Aristide-Briand',
  'rue Émile-Zola',
] as const

/**
 * A town where trainees live; weight: how many of them live there.
 */
type Town = { city: string; postalCode: string; qpvCodes: string[]; weight: number; zrr?: boolean }

type Area = {
  towns: Town[]
  franceTravail: string[]
  missionLocale: string
  capEmploi: string
  other: string
  payers: string[]
}

const AREAS = {
  rouen: {
    towns: [
      { city: 'Rouen', postalCode: '76000', weight: 4, qpvCodes: ['QN07601M'] },
      { city: 'Rouen', postalCode: '76100', weight: 3, qpvCodes: ['QN07602M'] },
      { city: 'Sotteville-lès-Rouen', postalCode: '76300', weight: 2, qpvCodes: ['QN07603M'] },
      { city: 'Le Petit-Quevilly', postalCode: '76140', weight: 2, qpvCodes: ['QN07604M'] },
      { city: 'Saint-Étienne-du-Rouvray', postalCode: '76800', weight: 2, qpvCodes: ['QN07605M'] },
      { city: 'Canteleu', postalCode: '76380', weight: 1, qpvCodes: ['QN07607M'] },
      { city: 'Elbeuf', postalCode: '76500', weight: 1, qpvCodes: ['QN07609M'] },
      { city: 'Forges-les-Eaux', postalCode: '76440', weight: 0.5, qpvCodes: [], zrr: true },
      { city: 'Neufchâtel-en-Bray', postalCode: '76270', weight: 0.5, qpvCodes: [], zrr: true },
    ],
    franceTravail: ['France Travail Rouen Saint-Sever', 'France Travail Sotteville-lès-Rouen'],
    missionLocale: 'Mission Locale de l’agglomération rouennaise',
    capEmploi: 'Cap emploi Seine-Maritime',
    other: 'CCAS de Rouen',
    payers: ['Région Normandie', 'France Travail'],
  },
  caen: {
    towns: [
      { city: 'Caen', postalCode: '14000', weight: 5, qpvCodes: ['QN01401M', 'QN01402M'] },
      { city: 'Hérouville-Saint-Clair', postalCode: '14200', weight: 3, qpvCodes: ['QN01404M'] },
      { city: 'Mondeville', postalCode: '14120', weight: 1.5, qpvCodes: [] },
      { city: 'Colombelles', postalCode: '14460', weight: 1, qpvCodes: ['QN01406M'] },
      { city: 'Vire Normandie', postalCode: '14500', weight: 0.6, qpvCodes: [], zrr: true },
      { city: 'Condé-en-Normandie', postalCode: '14110', weight: 0.4, qpvCodes: [], zrr: true },
    ],
    franceTravail: ['France Travail Caen Nord', 'France Travail Hérouville-Saint-Clair'],
    missionLocale: 'Mission Locale Caen la Mer Calvados Centre',
    capEmploi: 'Cap emploi Calvados',
    other: 'Centre social de la Grâce de Dieu',
    payers: ['Région Normandie', 'France Travail'],
  },
  saintDenis: {
    towns: [
      { city: 'Saint-Denis', postalCode: '93200', weight: 4, qpvCodes: ['QN09301M', 'QN09302M'] },
      { city: 'Aubervilliers', postalCode: '93300', weight: 2, qpvCodes: ['QN09303M'] },
      { city: 'Saint-Ouen-sur-Seine', postalCode: '93400', weight: 2, qpvCodes: ['QN09305M'] },
      { city: 'Pierrefitte-sur-Seine', postalCode: '93380', weight: 1, qpvCodes: ['QN09307M'] },
      { city: 'Stains', postalCode: '93240', weight: 1, qpvCodes: ['QN09308M'] },
      { city: 'Bobigny', postalCode: '93000', weight: 1, qpvCodes: ['QN09310M'] },
      { city: 'Paris', postalCode: '75018', weight: 1, qpvCodes: [] },
    ],
    franceTravail: ['France Travail Saint-Denis Pleyel', 'France Travail Aubervilliers'],
    missionLocale: 'Mission Locale de Saint-Denis',
    capEmploi: 'Cap emploi Seine-Saint-Denis',
    other: 'Maison de quartier Floréal',
    payers: ['France Travail', 'Région Île-de-France', 'OPCO Atlas'],
  },
} satisfies Record<string, Area>

type AreaKey = keyof typeof AREAS

/**
 * The demo funders' absence reasons: the default keys, plus one of their
 * own in words (shown as written).
 */
const SICK_CHILD = 'Enfant malade (avec certificat)'
const ABSENCE_REASONS = [
  'illness',
  SICK_CHILD,
  'family_event',
  'medical_exam',
  'transport',
  'administrative_appointment',
  'job_interview',
  'other',
]

const DIGIT_ELLES_MOTIVATIONS = [
  'Je veux reprendre un travail après plusieurs années à la maison avec mes enfants. Je veux savoir utiliser un ordinateur.',
  'J’aimerais travailler dans un bureau. Je dois progresser en informatique et en français écrit.',
  'Ma conseillère France Travail m’a parlé de la formation. Je cherche un emploi stable près de chez moi.',
  'Je veux faire seule mes démarches en ligne : la CAF, les impôts, ma banque.',
  'Je suis en France depuis cinq ans. Je veux améliorer mon français et trouver un travail.',
  'Je veux changer de métier. Je travaillais dans le ménage et j’ai mal au dos.',
  'Je veux reprendre confiance en moi et apprendre de nouvelles choses.',
  'Je veux aider mes enfants pour l’école sur internet et trouver un emploi administratif.',
] as const

const DWWM_MOTIVATIONS = [
  'Je code depuis un an en autodidacte et je veux en faire mon métier.',
  'J’ai créé des petits sites pour des associations de mon quartier. Je veux apprendre les bases solides du développement.',
  'Après un CAP vente, je veux me reconvertir dans un métier du numérique qui recrute.',
  'J’ai arrêté la fac en première année. Le développement web me passionne depuis le lycée.',
  'Je travaille en intérim dans la logistique et je veux un métier où j’apprends toute ma vie.',
  'Je veux devenir développeuse et montrer que les filles ont leur place dans la tech.',
] as const

/*
|--------------------------------------------------------------------------
| The builder
|--------------------------------------------------------------------------
*/

type Row = Record<string, string | number | boolean | null>

type ModuleSpec = {
  title: string
  kind: ModuleKind
  hours: number
  location: ModuleLocation
}

type SessionRow = {
  id: number
  index: number
  cohortId: number
  module: ProgrammeModule
  trainerId: number | null
  partnerCompanyId: number | null
  room: string | null
  startsAt: DateTime
  endsAt: DateTime
}

type CohortKey = 'completed' | 'running' | 'recruiting' | 'code93Recruiting' | 'code93Planned'

type CohortPlan = {
  key: CohortKey
  cohort: Cohort
  programme: Programme
  organization: Organization
  coordinator: User
  modules: ProgrammeModule[]
  sessions: SessionRow[]
  area: AreaKey
  women: boolean
}

type CompanySeed = {
  company: PartnerCompany
  tutor: CompanyContact
}

type TraineeSpec = {
  plan: CohortPlan
  status: ApplicationStatus
  /**
   * Rejected at screening (not eligible) rather than after the interview.
   */
  rejectedAtScreening?: boolean
}

type ApplicationPlan = TraineeSpec & {
  path: ApplicationStatus[]
  times: DateTime[]
  source: ApplicationSource
}

type OutcomeFact = {
  situation: OutcomeSituation
  contractType?: ContractType
  months?: number
  workingTime?: WorkingTime
  startAfterDays?: number
  employer?: string
  partner?: number
  jobTitle?: string
}

const job = (
  contractType: ContractType,
  jobTitle: string,
  employer: string | number,
  startAfterDays: number,
  extra: Partial<OutcomeFact> = {}
): OutcomeFact => ({
  situation: 'employed',
  contractType,
  jobTitle,
  startAfterDays,
  workingTime: 'full_time',
  ...(typeof employer === 'number' ? { partner: employer } : { employer }),
  ...extra,
})
const seeking: OutcomeFact = { situation: 'job_seeking' }
const training = (jobTitle: string, employer: string, startAfterDays: number): OutcomeFact => ({
  situation: 'training',
  jobTitle,
  employer,
  startAfterDays,
})

/**
 * The completed cohort's trainees at exit, +3 and +6 months, by
 * enrollment index (4 and 9 dropped out). At +6 months: 4 CDI, 1 CDD of
 * 6 months, 2 CDD of 3 months, 1 interim, 2 in training, 3 job seeking,
 * 1 unknown.
 */
const COMPLETED_OUTCOMES: { exit: OutcomeFact; m3: OutcomeFact; m6: OutcomeFact }[] = [
  {
    exit: seeking,
    m3: job('cdi', 'Assistante administrative', 3, 21),
    m6: job('cdi', 'Assistante administrative', 3, 21),
  },
  {
    exit: seeking,
    m3: seeking,
    m6: job('cdi', 'Agente d’accueil', 'Résidence Les Tilleuls', 110, { workingTime: 'part_time' }),
  },
  {
    exit: seeking,
    m3: job('cdi', 'Conseillère clientèle à distance', 'Normandie Contact Services', 45),
    m6: job('cdi', 'Conseillère clientèle à distance', 'Normandie Contact Services', 45),
  },
  {
    exit: seeking,
    m3: job('cdd', 'Secrétaire médicale', 'Centre de santé du Chemin Vert', 60, { months: 6 }),
    m6: job('cdd', 'Secrétaire médicale', 'Centre de santé du Chemin Vert', 60, { months: 6 }),
  },
  {
    exit: job('cdd', 'Employée de libre-service', 4, 0, { months: 6 }),
    m3: job('cdd', 'Employée de libre-service', 4, 0, { months: 6 }),
    m6: job('cdi', 'Employée de libre-service', 4, 170),
  },
  {
    exit: seeking,
    m3: seeking,
    m6: job('cdd', 'Employée administrative', 3, 130, { months: 3 }),
  },
  {
    exit: seeking,
    m3: seeking,
    m6: job('cdd', 'Médiatrice numérique', 'Association Lien Numérique Caen', 150, {
      months: 3,
      workingTime: 'part_time',
    }),
  },
  {
    exit: seeking,
    m3: job('interim', 'Opératrice de saisie', 'Temporis Intérim Caen', 70, { months: 1 }),
    m6: job('interim', 'Opératrice de saisie', 'Temporis Intérim Caen', 160, { months: 1 }),
  },
  {
    exit: seeking,
    m3: training(
      'Titre professionnel Secrétaire assistant',
      'Centre de formation Côte de Nacre',
      60
    ),
    m6: training(
      'Titre professionnel Secrétaire assistant',
      'Centre de formation Côte de Nacre',
      60
    ),
  },
  { exit: { situation: 'inactive' }, m3: seeking, m6: seeking },
  {
    exit: seeking,
    m3: seeking,
    m6: training('CAP Accompagnant éducatif petite enfance', 'GRETA Calvados', 120),
  },
  { exit: seeking, m3: seeking, m6: seeking },
  {
    exit: seeking,
    m3: job('cdd', 'Agente d’entretien', 'Propreté Normande', 40, { months: 2 }),
    m6: seeking,
  },
  { exit: seeking, m3: seeking, m6: { situation: 'unknown' } },
]

/**
 * Multi-row inserts stay under SQLite's historical limit of 999 bound
 * variables per statement (and 500 rows on other databases).
 */
const MAX_VARIABLES = 999
const MAX_ROWS = 500

class DemoWorld {
  #today: DateTime
  #monday: DateTime
  #used = new Set<string>()

  organizations!: { trajectio: Organization; code93: Organization }
  sites!: { rouen: Site; caen: Site; saintDenis: Site }
  funders: Record<string, Funder> = {}
  staff!: {
    trajectioAdmin: User
    trajectioCoordinator: User
    trajectioTrainer: User
    trajectioTrainer2: User
    code93Admin: User
    code93Coordinator: User
    code93Trainer: User
    code93Trainer2: User
  }
  companies!: { trajectio: CompanySeed[]; code93: CompanySeed[] }
  plans = {} as Record<CohortKey, CohortPlan>

  constructor(
    private trx: TransactionClientContract,
    private now: DateTime
  ) {
    this.#today = now.setZone(PARIS).startOf('day')
    this.#monday = this.#today.startOf('week')
  }

  async build() {
    await this.createOrganizations()
    await this.createFunders()
    await this.createStaff()
    await this.createCompanies()
    const programmes = await this.createProgrammes()
    await this.createCohorts(programmes)
    await this.createSessions()
    const applications = this.planApplications()
    const trainees = await this.createTrainees(applications)
    await this.createApplications(applications, trainees)
    const enrollments = await this.createEnrollments(applications, trainees)
    await this.createTraineeAccount(trainees, enrollments)
    await this.createAttendance(enrollments)
    await this.createInternships(enrollments)
    await this.createOutcomesAndFollowUps(enrollments)
  }

  /*
  | Formatting and bulk inserts
  */

  timestamp(value: DateTime) {
    return value.toUTC().toFormat(this.trx.dialect.dateTimeFormat)
  }

  date(value: DateTime) {
    return value.setZone(PARIS).toISODate()!
  }

  /**
   * The earlier of a moment and a minute ago: nothing recorded in the future.
   */
  notAfterNow(value: DateTime) {
    const limit = this.now.minus({ minutes: 1 })
    return value < limit ? value : limit
  }

  /**
   * A moment during office hours on a given day (Paris time).
   */
  officeHours(day: DateTime, rng: Random) {
    return day
      .setZone(PARIS)
      .startOf('day')
      .set({ hour: rng.int(9, 16), minute: rng.pick([0, 10, 15, 20, 30, 40, 45, 50]) })
  }

  async insert(table: string, rows: Row[]) {
    if (rows.length === 0) return
    const columns = Object.keys(rows[0]).length
    const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns)))
    for (let i = 0; i < rows.length; i += size) {
      await this.trx.table(table).multiInsert(rows.slice(i, i + size))
    }
  }

  stamps(at: DateTime = this.now) {
    const value = this.timestamp(at)
    return { created_at: value, updated_at: value }
  }

  get client() {
    return { client: this.trx }
  }

  /*
  | Organisations, funders, staff
  */

  async createOrganizations() {
    const trajectio = await Organization.create(
      {
        name: 'TRAJECTIO',
        slug: 'trajectio',
        siret: makeSiret('81452376', '0027'),
        nda: '28760512376',
        qualiopiStatus: 'certified',
        qualiopiValidUntil: this.#today.plus({ months: 20 }).startOf('month'),
      },
      this.client
    )
    const code93 = await Organization.create(
      {
        name: 'Code93 École numérique',
        slug: 'code93',
        siret: makeSiret('85391204', '0015'),
        nda: '11930784593',
        qualiopiStatus: 'certified',
        qualiopiValidUntil: this.#today.plus({ months: 14 }).startOf('month'),
      },
      this.client
    )
    this.organizations = { trajectio, code93 }

    const [rouen, caen, saintDenis] = await Site.createMany(
      [
        {
          organizationId: trajectio.id,
          name: 'Rouen — Saint-Sever',
          address: '12 rue Saint-Julien',
          postalCode: '76100',
          city: 'Rouen',
          departmentCode: '76',
        },
        {
          organizationId: trajectio.id,
          name: 'Caen — Grâce de Dieu',
          address: '21 rue du Général-Moulin',
          postalCode: '14000',
          city: 'Caen',
          departmentCode: '14',
        },
        {
          organizationId: code93.id,
          name: 'Saint-Denis — Pleyel',
          address: '18 rue du Landy',
          postalCode: '93200',
          city: 'Saint-Denis',
          departmentCode: '93',
        },
      ],
      this.client
    )
    this.sites = { rouen, caen, saintDenis }
  }

  /**
   * Funders span organisations: found by slug, created when missing.
   */
  async createFunders() {
    const specs: {
      slug: string
      name: string
      kind: FunderKind
      receivesNames: boolean
      outcomeDefinitions: string[]
      reportFormats: string[]
    }[] = [
      {
        slug: 'grande-ecole-du-numerique',
        name: 'Grande École du Numérique',
        kind: 'gen_label',
        receivesNames: false,
        outcomeDefinitions: ['gen_positive_exit'],
        reportFormats: ['gen_yearly', 'outcomes_xlsx'],
      },
      {
        slug: 'region-normandie',
        name: 'Région Normandie',
        kind: 'region',
        receivesNames: true,
        outcomeDefinitions: ['gen_positive_exit', 'ft_access_to_employment'],
        reportFormats: ['monthly_attendance', 'outcomes_xlsx'],
      },
      {
        slug: 'france-travail',
        name: 'France Travail',
        kind: 'france_travail',
        receivesNames: true,
        outcomeDefinitions: ['ft_durable_employment', 'ft_access_to_employment'],
        reportFormats: ['monthly_attendance', 'outcomes_xlsx'],
      },
      {
        slug: 'opco-atlas',
        name: 'OPCO Atlas',
        kind: 'opco',
        receivesNames: true,
        outcomeDefinitions: ['gen_positive_exit'],
        reportFormats: ['monthly_attendance', 'completion_certificates'],
      },
      {
        slug: 'fondation-numerique-solidaire',
        name: 'Fondation Numérique Solidaire',
        kind: 'foundation',
        receivesNames: false,
        outcomeDefinitions: ['gen_positive_exit'],
        reportFormats: ['outcomes_xlsx'],
      },
    ]
    for (const spec of specs) {
      this.funders[spec.slug] = await Funder.firstOrCreate(
        { slug: spec.slug },
        { ...spec, absenceReasons: ABSENCE_REASONS },
        this.client
      )
    }
  }

  /**
   * Staff and funder accounts; the model hashes each password.
   */
  async createStaff() {
    const trajectio = this.organizations.trajectio.id
    const code93 = this.organizations.code93.id
    const users = await User.createMany(
      [
        {
          organizationId: trajectio,
          fullName: 'Hélène Lecanu',
          email: 'admin@trajectio.demo',
          role: 'admin',
        },
        {
          organizationId: trajectio,
          fullName: 'Nadia Haddad',
          email: 'coordination@trajectio.demo',
          role: 'coordinator',
        },
        {
          organizationId: trajectio,
          fullName: 'Julien Lemonnier',
          email: 'formation@trajectio.demo',
          role: 'trainer',
        },
        {
          organizationId: trajectio,
          fullName: 'Sophie Duval',
          email: 'sophie.duval@trajectio.demo',
          role: 'trainer',
        },
        {
          organizationId: code93,
          fullName: 'Karim Ouali',
          email: 'admin@code93.demo',
          role: 'admin',
        },
        {
          organizationId: code93,
          fullName: 'Aïssatou Diallo',
          email: 'coordination@code93.demo',
          role: 'coordinator',
        },
        {
          organizationId: code93,
          fullName: 'Thomas Nguyen',
          email: 'thomas.nguyen@code93.demo',
          role: 'trainer',
        },
        {
          organizationId: code93,
          fullName: 'Leïla Mansour',
          email: 'leila.mansour@code93.demo',
          role: 'trainer',
        },
        {
          funderId: this.funders['region-normandie'].id,
          fullName: 'Marc Lefranc',
          email: 'financeur@region-normandie.demo',
          role: 'funder',
        },
        {
          funderId: this.funders['grande-ecole-du-numerique'].id,
          fullName: 'Élise Carpentier',
          email: 'financeur@gen.demo',
          role: 'funder',
        },
      ].map((user) => ({
        locale: 'fr',
        isActive: true,
        password: DEMO_PASSWORD,
        ...user,
      })) as Partial<User>[],
      this.client
    )
    const [
      trajectioAdmin,
      trajectioCoordinator,
      trajectioTrainer,
      trajectioTrainer2,
      code93Admin,
      code93Coordinator,
      code93Trainer,
      code93Trainer2,
    ] = users
    this.staff = {
      trajectioAdmin,
      trajectioCoordinator,
      trajectioTrainer,
      trajectioTrainer2,
      code93Admin,
      code93Coordinator,
      code93Trainer,
      code93Trainer2,
    }
  }

  /*
  | Partner companies
  */

  async createCompanies() {
    const specs = [
      {
        org: 'trajectio' as const,
        name: 'Atelier Numérique Rouennais',
        siret: makeSiret('79214583', '0012'),
        sector: 'Conseil et services numériques',
        addressLine: '45 quai Gaston-Boulet',
        postalCode: '76000',
        city: 'Rouen',
        tutor: ['Camille Lefèvre', 'Cheffe de projet web'],
        hr: ['Bruno Tessier', 'Gérant'],
      },
      {
        org: 'trajectio' as const,
        name: 'Seine Logistique Services',
        siret: makeSiret('53128907', '0041'),
        sector: 'Transport et logistique',
        addressLine: '8 rue de l’Industrie',
        postalCode: '76120',
        city: 'Le Grand-Quevilly',
        tutor: ['Patrick Lemoine', 'Responsable d’entrepôt'],
        hr: ['Valérie Costa', 'Chargée de recrutement'],
      },
      {
        org: 'trajectio' as const,
        name: 'Banque Coopérative de Normandie — agence Jeanne-d’Arc',
        siret: makeSiret('38756210', '0183'),
        sector: 'Banque et assurance',
        addressLine: '102 rue Jeanne-d’Arc',
        postalCode: '76000',
        city: 'Rouen',
        tutor: ['Isabelle Renard', 'Directrice d’agence'],
        hr: null,
      },
      {
        org: 'trajectio' as const,
        name: 'Cabinet Lemarchand & Associés',
        siret: makeSiret('44902318', '0026'),
        sector: 'Expertise comptable',
        addressLine: '3 rue Saint-Jean',
        postalCode: '14000',
        city: 'Caen',
        tutor: ['François Lemarchand', 'Expert-comptable associé'],
        hr: ['Anne Poulain', 'Office manager'],
      },
      {
        org: 'trajectio' as const,
        name: 'Coop Distribution Calvados',
        siret: makeSiret('50367124', '0058'),
        sector: 'Commerce de détail',
        addressLine: '2 avenue de la Grande-Cavée',
        postalCode: '14200',
        city: 'Hérouville-Saint-Clair',
        tutor: ['Mickaël Hamon', 'Chef de rayon'],
        hr: ['Sandrine Vautier', 'Responsable des ressources humaines'],
      },
      {
        org: 'code93' as const,
        name: 'Plaine Digitale',
        siret: makeSiret('82046719', '0019'),
        sector: 'Agence web',
        addressLine: '12 rue de la Procession',
        postalCode: '93200',
        city: 'Saint-Denis',
        tutor: ['Yacine Belhadj', 'Lead développeur'],
        hr: ['Julie Armand', 'Directrice'],
      },
      {
        org: 'code93' as const,
        name: 'DataPlaine Conseil',
        siret: makeSiret('84519302', '0034'),
        sector: 'Entreprise de services du numérique',
        addressLine: '30 boulevard Victor-Hugo',
        postalCode: '93400',
        city: 'Saint-Ouen-sur-Seine',
        tutor: ['Claire Dumont', 'Développeuse senior'],
        hr: ['Olivier Bastide', 'Responsable recrutement'],
      },
      {
        org: 'code93' as const,
        name: 'Mutuelle Francilienne Solidaire',
        siret: makeSiret('77561843', '0067'),
        sector: 'Assurance',
        addressLine: '5 rue Kléber',
        postalCode: '93100',
        city: 'Montreuil',
        tutor: ['Nabil Kaci', 'Responsable du pôle web'],
        hr: null,
      },
    ]

    const result: { trajectio: CompanySeed[]; code93: CompanySeed[] } = {
      trajectio: [],
      code93: [],
    }
    for (const [n, spec] of specs.entries()) {
      const organizationId = this.organizations[spec.org].id
      const company = await PartnerCompany.create(
        {
          organizationId,
          name: spec.name,
          siret: spec.siret,
          sector: spec.sector,
          addressLine: spec.addressLine,
          postalCode: spec.postalCode,
          city: spec.city,
          notes: 'Partenaire pour les stages et les visites.',
        },
        this.client
      )
      const domain = `${slug(spec.name).split('-').slice(0, 2).join('-')}.exemple.fr`
      const contacts = [spec.tutor, ...(spec.hr ? [spec.hr] : [])].map(([fullName, role], i) => ({
        organizationId,
        partnerCompanyId: company.id,
        fullName,
        role,
        email: `${slug(fullName).replace('-', '.')}@${domain}`,
        phone: `${spec.org === 'code93' ? '01 4' : '02 3'}${i + 1} ${12 + n * 7} 4${i} ${20 + n * 9}`,
      }))
      const [tutor] = await CompanyContact.createMany(contacts, this.client)
      result[spec.org].push({ company, tutor })
    }
    this.companies = result
  }

  /*
  | Programmes and cohorts
  */

  async createProgrammes() {
    const { trajectio, code93 } = this.organizations
    const digitElles = await Programme.create(
      {
        organizationId: trajectio.id,
        title: "Digit'Elles",
        slug: 'digit-elles',
        description:
          'Parcours de 400 heures pour des femmes éloignées de l’emploi : compétences numériques, remise à niveau en français et en mathématiques, projet professionnel, visites et stage en entreprise.',
        totalHours: 400,
        certificationKind: 'none',
        nsfCode: '415',
        bpfObjective: 'other_professional',
        eligibilityRules: { sexes: ['female'], minAge: 18, maxQualificationLevel: 4 },
        targetRatios: { women: 1, qpv: 0.3, qualificationLevel4OrLess: 0.8, jobSeekers: 0.7 },
        status: 'ready',
      },
      this.client
    )
    const labelFrom = this.#today.minus({ months: 14 }).startOf('month')
    const dwwm = await Programme.create(
      {
        organizationId: code93.id,
        title: 'Développeur·se web et web mobile',
        slug: 'developpeur-web-web-mobile',
        description:
          'Formation intensive et gratuite de 735 heures, dont 5 semaines de stage, préparant au titre professionnel Développeur web et web mobile (niveau 5).',
        totalHours: 735,
        certificationKind: 'rncp',
        certificationCode: 'RNCP37674',
        certificationLevel: 5,
        formacode: '31054',
        nsfCode: '326t',
        bpfObjective: 'rncp_level_5',
        genLabelId: `GEN-${labelFrom.year}-0417`,
        genLabelValidFrom: labelFrom,
        genLabelValidUntil: labelFrom.plus({ years: 3 }).minus({ days: 1 }),
        eligibilityRules: { minAge: 18, maxQualificationLevel: 4 },
        targetRatios: { women: 0.3, qpv: 0.3, neet: 0.5 },
        status: 'ready',
      },
      this.client
    )

    const digitEllesModules: ModuleSpec[] = [
      {
        title: 'Savoir-être et projet professionnel',
        kind: 'soft_skills',
        hours: 30,
        location: 'centre',
      },
      { title: 'Compétences numériques', kind: 'digital', hours: 180, location: 'centre' },
      { title: 'Remise à niveau français', kind: 'french', hours: 60, location: 'centre' },
      { title: 'Remise à niveau mathématiques', kind: 'maths', hours: 40, location: 'centre' },
      { title: 'Visites d’entreprises', kind: 'company_visit', hours: 20, location: 'company' },
      { title: 'Stage en entreprise', kind: 'internship', hours: 70, location: 'company' },
    ]
    const dwwmModules: ModuleSpec[] = [
      {
        title: 'Accueil, projet professionnel et savoir-être',
        kind: 'soft_skills',
        hours: 35,
        location: 'centre',
      },
      {
        title: 'Intégration web : HTML, CSS et accessibilité',
        kind: 'digital',
        hours: 140,
        location: 'centre',
      },
      {
        title: 'JavaScript et interfaces front-end',
        kind: 'digital',
        hours: 105,
        location: 'centre',
      },
      { title: 'Back-end : Node.js, PHP et API', kind: 'digital', hours: 140, location: 'centre' },
      { title: 'Bases de données et SQL', kind: 'digital', hours: 70, location: 'centre' },
      {
        title: 'Gestion de projet agile et anglais technique',
        kind: 'other',
        hours: 35,
        location: 'centre',
      },
      { title: 'Préparation au titre professionnel', kind: 'other', hours: 35, location: 'centre' },
      { title: 'Stage en entreprise', kind: 'internship', hours: 175, location: 'company' },
    ]

    const createModules = (programme: Programme, specs: ModuleSpec[]) =>
      ProgrammeModule.createMany(
        specs.map((spec, i) => ({
          organizationId: programme.organizationId,
          programmeId: programme.id,
          title: spec.title,
          kind: spec.kind,
          plannedHours: spec.hours,
          position: i + 1,
          location: spec.location,
        })),
        this.client
      )

    return {
      digitElles: {
        programme: digitElles,
        modules: await createModules(digitElles, digitEllesModules),
      },
      dwwm: { programme: dwwm, modules: await createModules(dwwm, dwwmModules) },
    }
  }

  async createCohorts(programmes: Awaited<ReturnType<DemoWorld['createProgrammes']>>) {
    const { trajectio, code93 } = this.organizations
    const month = (day: DateTime) => day.setLocale('fr').toFormat('LLLL yyyy')

    const specs: {
      key: CohortKey
      programme: { programme: Programme; modules: ProgrammeModule[] }
      organization: Organization
      site: Site
      coordinator: User
      firstDay: DateTime
      status: Cohort['status']
      capacity: number
      name: (start: DateTime) => string
      area: AreaKey
      women: boolean
      funders: [string, number | null][]
    }[] = [
      {
        // ended about 7 months ago: its +6-month follow-ups are answered
        key: 'completed',
        programme: programmes.digitElles,
        organization: trajectio,
        site: this.sites.caen,
        coordinator: this.staff.trajectioCoordinator,
        firstDay: this.#today.minus({ months: 7, weeks: 13 }).startOf('week'),
        status: 'completed',
        capacity: 15,
        name: (start) => `Digit'Elles Caen · ${month(start)}`,
        area: 'caen',
        women: true,
        funders: [
          ['region-normandie', 10],
          ['france-travail', 5],
        ],
      },
      {
        key: 'running',
        programme: programmes.digitElles,
        organization: trajectio,
        site: this.sites.rouen,
        coordinator: this.staff.trajectioCoordinator,
        firstDay: this.#monday.minus({ weeks: 5 }),
        status: 'running',
        capacity: 15,
        name: (start) => `Digit'Elles Rouen · ${month(start)}`,
        area: 'rouen',
        women: true,
        funders: [
          ['region-normandie', 9],
          ['france-travail', 4],
          ['fondation-numerique-solidaire', 2],
        ],
      },
      {
        key: 'recruiting',
        programme: programmes.digitElles,
        organization: trajectio,
        site: this.sites.caen,
        coordinator: this.staff.trajectioCoordinator,
        firstDay: this.#monday.plus({ weeks: 6 }),
        status: 'recruiting',
        capacity: 15,
        name: (start) => `Digit'Elles Caen · ${month(start)}`,
        area: 'caen',
        women: true,
        funders: [
          ['region-normandie', 10],
          ['france-travail', 5],
        ],
      },
      {
        key: 'code93Recruiting',
        programme: programmes.dwwm,
        organization: code93,
        site: this.sites.saintDenis,
        coordinator: this.staff.code93Coordinator,
        firstDay: this.#monday.plus({ weeks: 3 }),
        status: 'recruiting',
        capacity: 24,
        name: (start) => `DWWM Saint-Denis · ${month(start)}`,
        area: 'saintDenis',
        women: false,
        funders: [
          ['grande-ecole-du-numerique', 16],
          ['opco-atlas', 8],
        ],
      },
      {
        key: 'code93Planned',
        programme: programmes.dwwm,
        organization: code93,
        site: this.sites.saintDenis,
        coordinator: this.staff.code93Coordinator,
        firstDay: this.#today.plus({ months: 4 }).startOf('week'),
        status: 'planned',
        capacity: 24,
        name: (start) => `DWWM Saint-Denis · ${month(start)}`,
        area: 'saintDenis',
        women: false,
        funders: [
          ['grande-ecole-du-numerique', 16],
          ['opco-atlas', 8],
        ],
      },
    ]

    const pivots: Row[] = []
    for (const spec of specs) {
      const { modules } = spec.programme
      const slots = planSchedule(
        spec.firstDay,
        modules.map((module) => module.plannedHours)
      )
      const cohort = await Cohort.create(
        {
          organizationId: spec.organization.id,
          programmeId: spec.programme.programme.id,
          siteId: spec.site.id,
          coordinatorId: spec.coordinator.id,
          name: spec.name(slots[0].startsAt),
          startsOn: slots[0].startsAt,
          endsOn: slots[slots.length - 1].startsAt,
          capacity: spec.capacity,
          status: spec.status,
          esfCofinanced: false,
        },
        this.client
      )
      for (const [funderSlug, places] of spec.funders) {
        pivots.push({
          organization_id: spec.organization.id,
          cohort_id: cohort.id,
          funder_id: this.funders[funderSlug].id,
          places_funded: places,
          ...this.stamps(),
        })
      }
      this.plans[spec.key] = {
        key: spec.key,
        cohort,
        programme: spec.programme.programme,
        organization: spec.organization,
        coordinator: spec.coordinator,
        modules,
        area: spec.area,
        women: spec.women,
        sessions: this.describeSessions(spec.key, cohort, modules, slots),
      }
    }
    await this.insert('cohort_funders', pivots)
  }

  /**
   * Trainer, room and company of each planned slot.
   */
  describeSessions(
    key: CohortKey,
    cohort: Cohort,
    modules: ProgrammeModule[],
    slots: PlannedSlot[]
  ): SessionRow[] {
    const trajectioCompanies = this.companies.trajectio
    let visit = 0
    return slots.map((slot, index) => {
      const module = modules[slot.moduleIndex]
      let trainerId: number | null = null
      let room: string | null = null
      let partnerCompanyId: number | null = null

      if (cohort.organizationId === this.organizations.trajectio.id) {
        const caen = cohort.siteId === this.sites.caen.id
        if (module.kind === 'internship') {
          room = 'En entreprise'
        } else if (module.kind === 'company_visit') {
          trainerId = this.staff.trajectioTrainer.id
          partnerCompanyId = trajectioCompanies[visit++ % trajectioCompanies.length].company.id
        } else {
          trainerId =
            module.kind === 'digital'
              ? this.staff.trajectioTrainer.id
              : this.staff.trajectioTrainer2.id
          room =
            module.kind === 'digital'
              ? caen
                ? 'Salle informatique'
                : 'Salle numérique'
              : caen
                ? 'Salle Marie-Curie'
                : 'Salle Simone-Veil'
        }
      } else if (module.kind === 'internship') {
        room = 'En entreprise'
      } else {
        room = key === 'code93Planned' ? 'Salle Grace-Hopper' : 'Salle Ada-Lovelace'
        // the planned cohort's trainers are not assigned yet
        if (key !== 'code93Planned') {
          const front = module.position <= 3 || module.position === 6
          trainerId = front ? this.staff.code93Trainer.id : this.staff.code93Trainer2.id
        }
      }
      return {
        id: 0,
        index,
        cohortId: cohort.id,
        module,
        trainerId,
        partnerCompanyId,
        room,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      }
    })
  }

  /**
   * The running cohort's latest past session has no roll call yet, as
   * happens when a trainer forgets: the coordinator sees it listed.
   */
  missingRollCall(plan: { key: string; sessions: { endsAt: DateTime }[] }) {
    if (plan.key !== 'running') return null
    return plan.sessions.filter((session) => session.endsAt <= this.now).at(-1) ?? null
  }

  /**
   * All cohorts' sessions in multi-row inserts, then their ids read back
   * by (cohort, start).
   */
  async createSessions() {
    const plans = Object.values(this.plans)
    const rows: Row[] = []
    for (const plan of plans) {
      const published =
        plan.key === 'completed' || plan.key === 'running'
          ? this.timestamp(
              plan.sessions[0].startsAt.minus({ days: 10 }).set({ hour: 10, minute: 0 })
            )
          : null
      const missing = this.missingRollCall(plan)
      for (const session of plan.sessions) {
        // Past sessions have their roll call and the trainer's signature,
        // except one, left for the coordinator's "missing roll calls" list.
        const rollCall = session.endsAt <= this.now && session !== missing
        rows.push({
          organization_id: plan.cohort.organizationId,
          cohort_id: plan.cohort.id,
          programme_module_id: session.module.id,
          trainer_id: session.trainerId,
          partner_company_id: session.partnerCompanyId,
          starts_at: this.timestamp(session.startsAt),
          ends_at: this.timestamp(session.endsAt),
          room: session.room,
          is_cancelled: false,
          published_at: published,
          changed_at: null,
          roll_call_at: rollCall ? this.timestamp(session.endsAt.minus({ minutes: 10 })) : null,
          roll_call_by_id: rollCall ? (session.trainerId ?? plan.coordinator.id) : null,
          trainer_signed_at: rollCall
            ? this.timestamp(session.startsAt.plus({ minutes: 5 }))
            : null,
          trainer_signature_method: rollCall ? 'trainer' : null,
          ...this.stamps(),
        })
      }
    }
    await this.insert('class_sessions', rows)

    const stored = await this.trx
      .from('class_sessions')
      .select('id', 'cohort_id', 'starts_at')
      .whereIn(
        'cohort_id',
        plans.map((plan) => plan.cohort.id)
      )
    const ids = new Map<string, number>()
    for (const row of stored) {
      ids.set(`${row.cohort_id}:${toMillis(row.starts_at)}`, row.id)
    }
    for (const plan of plans) {
      for (const session of plan.sessions) {
        const id = ids.get(`${plan.cohort.id}:${session.startsAt.toMillis()}`)
        if (!id)
          throw new Error(`Demo world: session of ${session.startsAt.toISO()} not found back`)
        session.id = id
      }
    }
  }

  /*
  | Trainees and applications
  */

  /**
   * Who applies where, with which outcome, in order.
   */
  planApplications(): ApplicationPlan[] {
    const p = this.plans
    const repeat = (plan: CohortPlan, status: ApplicationStatus, count: number, extra = {}) =>
      Array.from({ length: count }, () => ({ plan, status, ...extra }) as TraineeSpec)

    const specs: TraineeSpec[] = [
      ...repeat(p.completed, 'admitted', 14),
      ...repeat(p.completed, 'rejected', 1, { rejectedAtScreening: true }),
      ...repeat(p.completed, 'rejected', 1),
      ...repeat(p.completed, 'withdrawn', 1),
      ...repeat(p.running, 'admitted', 14),
      ...repeat(p.running, 'waitlisted', 1),
      ...repeat(p.running, 'rejected', 1, { rejectedAtScreening: true }),
      ...repeat(p.running, 'rejected', 1),
      ...repeat(p.recruiting, 'submitted', 4),
      ...repeat(p.recruiting, 'screening', 4),
      ...repeat(p.recruiting, 'info_session', 3),
      ...repeat(p.recruiting, 'interview', 3),
      ...repeat(p.recruiting, 'admitted', 4),
      ...repeat(p.recruiting, 'waitlisted', 2),
      ...repeat(p.recruiting, 'rejected', 1, { rejectedAtScreening: true }),
      ...repeat(p.recruiting, 'withdrawn', 1),
      ...repeat(p.code93Recruiting, 'submitted', 3),
      ...repeat(p.code93Recruiting, 'screening', 3),
      ...repeat(p.code93Recruiting, 'info_session', 2),
      ...repeat(p.code93Recruiting, 'interview', 3),
      ...repeat(p.code93Recruiting, 'admitted', 4),
      ...repeat(p.code93Recruiting, 'waitlisted', 1),
      ...repeat(p.code93Recruiting, 'rejected', 1, { rejectedAtScreening: true }),
      ...repeat(p.code93Recruiting, 'withdrawn', 1),
      ...repeat(p.code93Planned, 'submitted', 4),
      ...repeat(p.code93Planned, 'screening', 2),
    ]

    const rng = Random.for('applications')
    return specs.map((spec) => {
      const path = pipelinePath(spec.status, spec.rejectedAtScreening ?? false)
      const start = spec.plan.sessions[0].startsAt
      let last: DateTime
      if (spec.plan.key === 'completed' || spec.plan.key === 'running') {
        last = this.officeHours(start.minus({ days: rng.int(4, 20) }), rng)
      } else {
        last = this.officeHours(
          this.#today.minus({ days: rng.int(0, spec.plan.key === 'code93Planned' ? 8 : 12) }),
          rng
        )
        if (last > this.now) last = last.minus({ days: 1 })
      }
      const times = [last]
      for (let i = path.length - 2; i >= 0; i--) {
        times.unshift(this.officeHours(times[0].minus({ days: rng.int(2, 6) }), rng))
      }
      const young = spec.plan.area === 'saintDenis'
      const source = rng.weighted<ApplicationSource>([
        ['france_travail', 40],
        ['mission_locale', young ? 25 : 12],
        ['cap_emploi', 4],
        ['word_of_mouth', 15],
        ['social_media', young ? 15 : 8],
        ['website', 10],
        ['other', 5],
      ])
      return { ...spec, path, times: times.map((t) => t.toUTC()), source }
    })
  }

  pickName(rng: Random, sex: Sex) {
    for (;;) {
      const first = rng.pick(sex === 'female' ? WOMEN_FIRST_NAMES : MEN_FIRST_NAMES)
      const last = rng.pick(LAST_NAMES)
      const email = `${slug(first)}.${slug(last)}@exemple.fr`
      if (!this.#used.has(email)) {
        this.#used.add(email)
        return { firstName: first, lastName: last, email }
      }
    }
  }

  async createTrainees(applications: ApplicationPlan[]) {
    const rng = Random.for('trainees')
    const rows = applications.map((application) => {
      const { plan } = application
      const area: Area = AREAS[plan.area]
      const sex: Sex = plan.women
        ? 'female'
        : rng.weighted<Sex>([
            ['male', 62],
            ['female', 36],
            ['other', 2],
          ])
      const name = this.pickName(rng, sex)
      const age = plan.women
        ? rng.chance(0.25)
          ? rng.int(19, 25)
          : rng.int(26, 54)
        : rng.chance(0.55)
          ? rng.int(18, 25)
          : rng.int(26, 41)
      const town = rng.weighted(area.towns.map((t) => [t, t.weight] as const))
      const qpv = town.qpvCodes.length > 0 && rng.chance(0.55)
      const tooQualified = application.rejectedAtScreening === true
      const qualificationLevel = tooQualified
        ? rng.pick([5, 6])
        : plan.women
          ? rng.weighted([
              [0, 20],
              [2, 5],
              [3, 35],
              [4, 30],
              [5, 0],
            ] as const)
          : rng.weighted([
              [0, 10],
              [3, 30],
              [4, 50],
              [5, 0],
            ] as const)
      const jobSeeker = rng.chance(0.8)
      const rqth = rng.weighted([
        ['yes', 6],
        ['no', 44],
        ['undisclosed', 50],
      ] as const)
      const createdAt = application.times[0]
      const source = application.source
      const prescriber =
        source === 'france_travail'
          ? rng.pick(area.franceTravail)
          : source === 'mission_locale'
            ? area.missionLocale
            : source === 'cap_emploi'
              ? area.capEmploi
              : source === 'other'
                ? area.other
                : null
      return {
        organizationId: plan.organization.id,
        ...name,
        phone: `0${rng.pick([6, 7])} ${[0, 0, 0, 0].map(() => String(rng.int(10, 99))).join(' ')}`,
        birthDate: this.#today.minus({ years: age, days: rng.int(0, 364) }),
        sex,
        addressLine: `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
        postalCode: town.postalCode,
        city: town.city,
        qpv,
        qpvCode: qpv ? rng.pick(town.qpvCodes) : null,
        qpvGeography: qpv ? ('2024' as const) : null,
        zrr: town.zrr ?? false,
        qualificationLevel,
        jobSeeker,
        jobSeekerSince: jobSeeker
          ? this.#today.minus({ months: rng.int(2, 40), days: rng.int(0, 27) })
          : null,
        franceTravailId: jobSeeker
          ? `${rng.int(1000000, 9999999)}${String.fromCharCode(65 + rng.int(0, 25))}`
          : null,
        neet: age < 26 && rng.chance(0.75),
        rsa: age >= 25 && rng.chance(0.25),
        rqth,
        rqthConsentAt: rqth === 'yes' ? createdAt : null,
        prescriber,
        payer: jobSeeker && rng.chance(0.4) ? 'France Travail' : rng.pick(area.payers),
        createdAt,
        updatedAt: createdAt,
      }
    })
    return Trainee.createMany(rows as Partial<Trainee>[], this.client)
  }

  async createApplications(applications: ApplicationPlan[], trainees: Trainee[]) {
    const rng = Random.for('application-details')
    const rows = applications.map((application, i) => {
      const { plan, times } = application
      const digitElles = plan.women
      // Checked on arrival, as the form does (RecordEligibility): the same
      // rules, results and reasons in words.
      const check = checkEligibility({
        rules: plan.programme.eligibilityRules,
        trainee: trainees[i],
        cohortStartsOn: plan.cohort.startsOn,
      })
      const motivations = digitElles ? DIGIT_ELLES_MOTIVATIONS : DWWM_MOTIVATIONS
      return {
        organizationId: plan.organization.id,
        cohortId: plan.cohort.id,
        traineeId: trainees[i].id,
        source: application.source,
        motivation: rng.chance(0.85) ? rng.pick(motivations) : null,
        status: application.status,
        ...eligibilityColumns(check, plan.cohort.startsOn, times[0]),
        rgpdConsentAt: times[0],
        lastContactAt: times[times.length - 1],
        createdAt: times[0],
        updatedAt: times[times.length - 1],
      }
    })
    const created = await Application.createMany(rows as Partial<Application>[], this.client)

    const changes: Row[] = []
    created.forEach((row, i) => {
      const { path, times, plan } = applications[i]
      path.forEach((status, step) => {
        changes.push({
          organization_id: plan.organization.id,
          application_id: row.id,
          from_status: step === 0 ? null : path[step - 1],
          to_status: status,
          changed_by_id: step === 0 ? null : plan.coordinator.id,
          note: statusNote(status, applications[i], rng),
          created_at: this.timestamp(times[step]),
        })
      })
    })
    await this.insert('application_status_changes', changes)
  }

  /*
  | Enrollments
  */

  async createEnrollments(applications: ApplicationPlan[], trainees: Trainee[]) {
    const byCohort = { completed: [] as Enrollment[], running: [] as Enrollment[] }
    for (const key of ['completed', 'running'] as const) {
      const plan = this.plans[key]
      const startsOn = plan.sessions[0].startsAt
      const endsOn = plan.sessions[plan.sessions.length - 1].startsAt
      const admitted = applications
        .map((application, i) => ({ application, trainee: trainees[i] }))
        .filter(({ application }) => application.plan === plan && application.status === 'admitted')

      const rows = admitted.map(({ trainee }, i) => {
        let status: Enrollment['status'] = key === 'completed' ? 'completed' : 'active'
        let exitOn: DateTime | null = key === 'completed' ? endsOn : null
        let exitReason: ExitReason | null = key === 'completed' ? 'completed' : null
        if (key === 'completed' && (i === 4 || i === 9)) {
          status = 'dropped_out'
          exitOn = startsOn.plus({ weeks: i === 4 ? 6 : 8, days: 2 })
          exitReason = i === 4 ? 'found_job' : 'personal'
        }
        if (key === 'running' && i === 6) {
          // her last day: the first training day from Wednesday two weeks ago
          const from = this.#monday.minus({ weeks: 2 }).plus({ days: 2 })
          status = 'dropped_out'
          exitOn = plan.sessions.find((session) => session.startsAt >= from)!.startsAt
          exitReason = 'health'
        }
        const createdAt = startsOn.minus({ days: 3 }).set({ hour: 11 }).toUTC()
        return {
          organizationId: plan.organization.id,
          cohortId: plan.cohort.id,
          traineeId: trainee.id,
          status,
          startsOn,
          endsOn,
          exitOn,
          exitReason,
          certificationResult: null,
          createdAt,
          updatedAt: exitOn ? this.notAfterNow(exitOn.set({ hour: 17 })).toUTC() : createdAt,
        }
      })
      byCohort[key] = await Enrollment.createMany(rows as Partial<Enrollment>[], this.client)
    }
    return byCohort
  }

  /**
   * The trainee demo account: the first trainee of the running cohort.
   */
  async createTraineeAccount(trainees: Trainee[], enrollments: { running: Enrollment[] }) {
    const enrollment = enrollments.running[0]
    const trainee = trainees.find((t) => t.id === enrollment.traineeId)!
    const user = await User.create(
      {
        organizationId: this.organizations.trajectio.id,
        fullName: trainee.fullName,
        email: 'stagiaire@trajectio.demo',
        password: DEMO_PASSWORD,
        role: 'trainee',
        locale: 'fr',
        isActive: true,
      },
      this.client
    )
    trainee.useTransaction(this.trx)
    trainee.userId = user.id
    await trainee.save()
  }

  /*
  | Attendance
  */

  async createAttendance(enrollments: { completed: Enrollment[]; running: Enrollment[] }) {
    const rows: Row[] = []
    for (const key of ['completed', 'running'] as const) {
      const plan = this.plans[key]
      const missing = this.missingRollCall(plan)
      const past = plan.sessions.filter(
        (session) => session.endsAt <= this.now && session !== missing
      )
      enrollments[key].forEach((enrollment, i) => {
        const rng = Random.for(`attendance:${key}:${i}`)
        const absentRate = rng.pick([0.02, 0.03, 0.04, 0.06, 0.09, 0.12])
        const lateRate = rng.pick([0.02, 0.03, 0.05, 0.07])
        const exitDay = enrollment.exitOn ? this.date(enrollment.exitOn) : null
        let sickStreak = 0
        let sickProof: string | null = null

        past.forEach((session) => {
          const day = this.date(session.startsAt)
          const base = {
            organization_id: plan.organization.id,
            class_session_id: session.id,
            enrollment_id: enrollment.id,
            recorded_by_id: session.trainerId ?? plan.coordinator.id,
            ...this.stamps(session.endsAt),
          }
          const absent = (
            reason: string | null,
            justified: boolean | null,
            proof: string | null = null
          ) =>
            rows.push({
              ...base,
              status: 'absent',
              minutes_missed: 0,
              absence_reason: reason,
              absence_justified: justified,
              proof_path: proof,
              signed_at: null,
              signature_method: null,
              signature_device: null,
              signature_ip: null,
            })

          // after their exit, a dropped-out trainee is absent
          if (exitDay && enrollment.status === 'dropped_out' && day > exitDay) {
            absent(null, false)
            return
          }
          // the health dropout misses the days before leaving
          if (enrollment.exitReason === 'health' && exitDay) {
            const daysBeforeExit = diffDays(day, exitDay)
            if (daysBeforeExit >= 0 && daysBeforeExit <= 2) {
              absent(
                'illness',
                true,
                `demo/justificatifs/${key}-${i + 1}-arret-maladie-${exitDay}.pdf`
              )
              return
            }
          }
          if (sickStreak > 0) {
            sickStreak--
            absent('illness', true, sickProof)
            return
          }

          const draw = rng.next()
          if (draw < absentRate) {
            const reason = rng.weighted([
              ['illness', 30],
              [SICK_CHILD, 15],
              ['family_event', 12],
              ['transport', 12],
              ['administrative_appointment', 10],
              ['job_interview', 6],
              [null, 15],
            ] as const)
            if (reason === 'illness') {
              sickProof = `demo/justificatifs/${key}-${i + 1}-arret-maladie-${day}.pdf`
              sickStreak = rng.int(0, 3)
              absent(reason, true, sickProof)
            } else if (reason === SICK_CHILD) {
              absent(
                reason,
                true,
                `demo/justificatifs/${key}-${i + 1}-certificat-enfant-${day}.pdf`
              )
            } else {
              absent(reason, reason !== null && (reason !== 'transport' || rng.chance(0.8)))
            }
            return
          }

          const late = draw < absentRate + lateRate
          const status: AttendanceStatus = late ? 'late' : 'present'
          const minutesMissed = late ? 5 * rng.int(2, 9) : 0
          const method: SignatureMethod =
            session.module.kind === 'internship'
              ? 'paper'
              : session.module.kind === 'company_visit'
                ? 'trainer'
                : rng.weighted([
                    ['trainee_phone', 60],
                    ['paper', 25],
                    ['trainer', 15],
                  ] as const)
          const phone = method === 'trainee_phone'
          rows.push({
            ...base,
            status,
            minutes_missed: minutesMissed,
            absence_reason: late && rng.chance(0.4) ? 'transport' : null,
            absence_justified: null,
            proof_path: null,
            signed_at: this.timestamp(
              session.startsAt.plus({ minutes: late ? minutesMissed : rng.int(0, 12) })
            ),
            signature_method: method,
            signature_device: phone
              ? ['Android 13 · Chrome', 'Android 11 · Samsung Internet', 'iOS 17 · Safari'][i % 3]
              : null,
            signature_ip: phone ? `192.0.2.${10 + i}` : null,
          })
        })
      })
    }
    await this.insert('attendance_records', rows)
  }

  /*
  | Internships, outcomes, follow-ups
  */

  async createInternships(enrollments: { completed: Enrollment[]; running: Enrollment[] }) {
    const rng = Random.for('internships')
    const rows: Row[] = []
    const companies = this.companies.trajectio
    const objectives =
      'Découvrir un métier du tertiaire ou du numérique ; mettre en pratique les compétences acquises (bureautique, messagerie, démarches en ligne) ; valider le projet professionnel.'
    const evaluationMethod =
      'Grille d’évaluation remplie par le tuteur ou la tutrice, puis bilan à trois (stagiaire, tuteur, chargée de parcours).'
    const tasks: Record<string, string> = {
      'Conseil et services numériques':
        'Mise à jour de contenus web, tests de sites, accueil téléphonique.',
      'Transport et logistique': 'Saisie des bons de livraison, suivi des stocks sur tableur.',
      'Banque et assurance':
        'Accueil des clients, aide aux démarches sur les automates et l’application.',
      'Expertise comptable': 'Classement et numérisation de pièces, saisie simple, courriers.',
      'Commerce de détail': 'Mise en rayon, étiquetage, caisse, commandes sur tablette.',
    }

    for (const key of ['completed', 'running'] as const) {
      const plan = this.plans[key]
      const internshipSessions = plan.sessions.filter(
        (session) => session.module.kind === 'internship'
      )
      const startsOn = internshipSessions[0].startsAt
      const endsOn = internshipSessions[internshipSessions.length - 1].startsAt
      const hours = internshipSessions.reduce(
        (sum, s) => sum + s.endsAt.diff(s.startsAt, 'hours').hours,
        0
      )
      const statuses: InternshipStatus[] =
        key === 'completed'
          ? []
          : [
              'signed',
              'signed',
              'signed',
              'signed',
              'signed',
              'signed',
              'agreement_sent',
              'agreement_sent',
              'draft',
            ]
      let n = 0
      enrollments[key].forEach((enrollment, i) => {
        if (enrollment.status === 'dropped_out') return
        if (key === 'running' && n >= statuses.length) return
        const { company, tutor } = companies[(i + (key === 'running' ? 2 : 0)) % companies.length]
        const status: InternshipStatus = key === 'completed' ? 'completed' : statuses[n]
        const pmsmp = key === 'running' && n === 5
        n++
        const evaluatedAt = key === 'completed' ? endsOn.plus({ days: 3 }).set({ hour: 16 }) : null
        const score = () =>
          rng.weighted([
            [2, 10],
            [3, 45],
            [4, 45],
          ] as const)
        rows.push({
          organization_id: plan.organization.id,
          enrollment_id: enrollment.id,
          partner_company_id: company.id,
          tutor_contact_id: tutor.id,
          kind: pmsmp ? 'pmsmp' : 'stage',
          prescriber: pmsmp ? 'France Travail' : null,
          starts_on: this.date(startsOn),
          ends_on: this.date(endsOn),
          hours_total: Math.round(hours * 100) / 100,
          weekly_hours: 31.5,
          place: `${company.addressLine}, ${company.postalCode} ${company.city}`,
          tasks: tasks[company.sector ?? ''] ?? null,
          objectives,
          evaluation_method: evaluationMethod,
          status,
          evaluation: evaluatedAt
            ? JSON.stringify({
                punctuality: score(),
                communication: score(),
                autonomy: score(),
                digitalSkills: score(),
                teamwork: score(),
                comment: rng.pick([
                  'Stagiaire sérieuse et souriante, très appréciée de l’équipe.',
                  'Bonne progression sur les outils numériques. Doit gagner en confiance au téléphone.',
                  'Très autonome en fin de stage. Nous serions prêts à la recruter.',
                  'Ponctuelle et appliquée. À encourager à poser des questions.',
                ]),
                wouldHire: rng.chance(0.4),
              })
            : null,
          evaluated_at: evaluatedAt ? this.timestamp(this.notAfterNow(evaluatedAt)) : null,
          ...this.stamps(plan.sessions[0].startsAt.plus({ weeks: 3 })),
        })
      })
    }
    await this.insert('internships', rows)
  }

  async createOutcomesAndFollowUps(enrollments: {
    completed: Enrollment[]
    running: Enrollment[]
  }) {
    const rng = Random.for('outcomes')
    const outcomes: Row[] = []
    const followUps: Row[] = []
    const companies = this.companies.trajectio
    const coordinator = this.staff.trajectioCoordinator.id
    const organizationId = this.organizations.trajectio.id

    const outcome = (
      enrollment: Enrollment,
      checkpoint: 'exit' | 'm3' | 'm6',
      observedOn: DateTime,
      fact: OutcomeFact,
      source: OutcomeSource
    ) => {
      const exitOn = enrollment.exitOn!
      const partner = fact.partner !== undefined ? companies[fact.partner].company : null
      const employer = partner ? partner.name : (fact.employer ?? null)
      outcomes.push({
        organization_id: organizationId,
        enrollment_id: enrollment.id,
        checkpoint,
        observed_on: this.date(observedOn),
        situation: fact.situation,
        contract_type: fact.contractType ?? null,
        contract_months: fact.months ?? null,
        working_time: fact.workingTime ?? null,
        contract_start_on:
          fact.startAfterDays !== undefined
            ? this.date(exitOn.plus({ days: fact.startAfterDays }))
            : null,
        employer_name: employer,
        employer_siret: partner
          ? partner.siret
          : employer && fact.situation === 'employed'
            ? makeSiret(String(30000000 + (hashOf(employer) % 60000000)), '0011')
            : null,
        partner_company_id: partner ? partner.id : null,
        job_title: fact.jobTitle ?? null,
        source,
        recorded_by_id: coordinator,
        ...this.stamps(this.notAfterNow(observedOn.set({ hour: 15 }))),
      })
    }

    const followUp = (
      enrollment: Enrollment,
      checkpoint: 'm3' | 'm6' | 'm12',
      months: number,
      state: 'answered' | 'closed' | 'due'
    ) => {
      const dueOn = enrollment.exitOn!.plus({ months })
      const sentAt = dueOn.set({ hour: 10 })
      const answeredAt =
        state === 'answered'
          ? this.notAfterNow(sentAt.plus({ days: rng.int(1, 6), hours: 4 }))
          : null
      const closedAt = state === 'closed' ? this.notAfterNow(sentAt.plus({ days: 14 })) : null
      followUps.push({
        organization_id: organizationId,
        enrollment_id: enrollment.id,
        checkpoint,
        due_on: this.date(dueOn),
        status: state,
        sent_at: state === 'due' ? null : this.timestamp(sentAt),
        reminded_at:
          state === 'closed' ? this.timestamp(this.notAfterNow(sentAt.plus({ days: 7 }))) : null,
        answered_at: answeredAt ? this.timestamp(answeredAt) : null,
        closed_at: closedAt ? this.timestamp(closedAt) : null,
        ...this.stamps(answeredAt ?? closedAt ?? this.now),
      })
      return answeredAt ?? closedAt ?? dueOn
    }

    enrollments.completed.forEach((enrollment, i) => {
      const facts = COMPLETED_OUTCOMES[i % COMPLETED_OUTCOMES.length]
      outcome(enrollment, 'exit', enrollment.exitOn!, facts.exit, 'declared')
      const m3At = followUp(enrollment, 'm3', 3, 'answered')
      outcome(enrollment, 'm3', m3At, facts.m3, 'declared')
      const unknown = facts.m6.situation === 'unknown'
      const m6At = followUp(enrollment, 'm6', 6, unknown ? 'closed' : 'answered')
      outcome(
        enrollment,
        'm6',
        m6At,
        facts.m6,
        unknown ? 'phone' : facts.m6.situation === 'employed' ? 'document' : 'declared'
      )
      followUp(enrollment, 'm12', 12, 'due')
    })

    for (const enrollment of enrollments.running.filter((e) => e.status === 'dropped_out')) {
      outcome(enrollment, 'exit', enrollment.exitOn!, { situation: 'inactive' }, 'declared')
      followUp(enrollment, 'm3', 3, 'due')
      followUp(enrollment, 'm6', 6, 'due')
      followUp(enrollment, 'm12', 12, 'due')
    }

    await this.insert('outcomes', outcomes)
    await this.insert('follow_ups', followUps)
  }
}

/*
|--------------------------------------------------------------------------
| Helpers of the builder
|--------------------------------------------------------------------------
*/

function pipelinePath(
  status: ApplicationStatus,
  rejectedAtScreening: boolean
): ApplicationStatus[] {
  const full: ApplicationStatus[] = ['submitted', 'screening', 'info_session', 'interview']
  switch (status) {
    case 'submitted':
      return full.slice(0, 1)
    case 'screening':
      return full.slice(0, 2)
    case 'info_session':
      return full.slice(0, 3)
    case 'interview':
      return full
    case 'withdrawn':
      return [...full.slice(0, 3), 'withdrawn']
    case 'rejected':
      return rejectedAtScreening ? [...full.slice(0, 2), 'rejected'] : [...full, 'rejected']
    default:
      return [...full, status]
  }
}

function statusNote(
  status: ApplicationStatus,
  application: ApplicationPlan,
  rng: Random
): string | null {
  switch (status) {
    case 'submitted':
      return application.source === 'france_travail'
        ? 'Candidature transmise par France Travail.'
        : 'Candidature reçue.'
    case 'screening':
      return 'Dossier complet : vérification de l’éligibilité.'
    case 'info_session':
      return 'Invitation à la réunion d’information collective.'
    case 'interview':
      return 'Entretien individuel planifié.'
    case 'admitted':
      return 'Admission confirmée après l’entretien.'
    case 'waitlisted':
      return 'Liste d’attente : la promotion est complète.'
    case 'rejected':
      return application.rejectedAtScreening
        ? 'Non éligible : niveau de qualification supérieur au niveau 4. Orientation vers une formation adaptée.'
        : 'Projet professionnel à consolider : orientation vers un atelier de découverte des métiers.'
    case 'withdrawn':
      return rng.pick([
        'Désistement : reprise d’un emploi.',
        'Désistement : pas de solution de garde pour les enfants.',
      ])
    default:
      return null
  }
}

/**
 * A timestamp read back from the database: a Date (PostgreSQL) or a
 * UTC text 'yyyy-MM-dd HH:mm:ss' (SQLite).
 */
function toMillis(value: unknown) {
  if (value instanceof Date) return value.getTime()
  return DateTime.fromSQL(String(value), { zone: 'utc' }).toMillis()
}

function diffDays(from: string, to: string) {
  return DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days
}

function hashOf(text: string) {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0
  return hash
}
