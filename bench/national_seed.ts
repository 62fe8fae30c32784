import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
|--------------------------------------------------------------------------
| A national dataset for `npm run bench` (issue 9), on PostgreSQL
|--------------------------------------------------------------------------
|
| `node ace bench:seed --trainees 100000` fills a freshly migrated database
| with a label network's worth of data, in set-based SQL (INSERT … SELECT
| over generate_series), never row by row through the models:
|
| - organisations (one per ten programmes), two sites each, twenty partner
|   companies each with a contact, staff accounts;
| - programmes (one per ten cohorts) of 400 hours in six modules;
| - cohorts of 25 trainees, started every few days over two years and a
|   half (about 100 weeks in the past, 16 to come), each with its full
|   schedule: 114 half-day sessions (3 h 30, the last day 4 h) Monday to
|   Friday, written as the app writes them (UTC instants of Paris times);
| - six funders: France Travail funds every cohort (its outcome
|   spreadsheet over the whole period holds every enrollment), the others
|   a share;
| - trainees (each enrolled one has an account), applications with their
|   history (plus 30 % of applicants not admitted), enrollments with
|   completions and dropouts, attendance records for every past session
|   with a roll call (present, late with minutes missed, absent with or
|   without a reason), internships, outcomes at exit and at 3, 6 and 12
|   months, follow-ups.
|
| Everything derives from the ids and the anchor day through a hash, so
| the same `--trainees` and `--today` give the same data. `--trainees`
| scales everything: cohorts = trainees / 25, programmes = cohorts / 10,
| organisations = programmes / 10 (each at least 1).
|
*/

/** The password of every account of the bench dataset. */
export const BENCH_PASSWORD = 'bench-password'

/** Email domain of every account of the bench dataset. */
export const BENCH_EMAIL_DOMAIN = 'bench.cohorte.test'

/** The cohort the measurements look at: running, about half of it past. */
export const REPRESENTATIVE_COHORT_NAME = 'Promotion repère (bench)'

/** The funder whose yearly indicators are measured (funds every other cohort). */
export const INDICATORS_FUNDER_SLUG = 'bench-gen'

/** The funder whose outcome spreadsheet covers every enrollment. */
export const EXPORT_FUNDER_SLUG = 'bench-france-travail'

export const TRAINEES_PER_COHORT = 25
export const SESSIONS_PER_COHORT = 114
/** Weeks between the first cohort's start and the anchor week's Monday. */
const WEEKS_BEFORE = 112
/** Weeks over which cohort starts are spread (the last ones start after the anchor). */
const WEEKS_SPREAD = 120

export type SeedSize = {
  trainees: number
  applicantsNotAdmitted: number
  cohorts: number
  programmes: number
  organizations: number
  trainersPerOrganization: number
}

export function seedSize(trainees: number): SeedSize {
  const cohorts = Math.ceil(trainees / TRAINEES_PER_COHORT)
  const programmes = Math.max(1, Math.round(cohorts / 10))
  const organizations = Math.max(1, Math.round(programmes / 10))
  return {
    trainees,
    applicantsNotAdmitted: Math.round(trainees * 0.3),
    cohorts,
    programmes,
    organizations,
    trainersPerOrganization: Math.max(2, Math.ceil(cohorts / organizations / 5)),
  }
}

/** Week offset (from the anchor week's Monday) at which cohort `id` starts. */
function cohortWeek(id: number, cohorts: number) {
  return Math.floor(((id - 1) * WEEKS_SPREAD) / cohorts) - WEEKS_BEFORE
}

/**
 * The cohort that starts six weeks before the anchor week (or the closest):
 * about half of its sessions are past.
 */
export function representativeCohortId(cohorts: number) {
  let best = 1
  for (let id = 1; id <= cohorts; id++) {
    if (Math.abs(cohortWeek(id, cohorts) + 6) < Math.abs(cohortWeek(best, cohorts) + 6)) best = id
  }
  return best
}

type Step = { table: string; sql: string }

/**
 * The SQL statements, in order. `anchor` is the Paris day the data is
 * "as of": sessions that ended before its midnight have their roll call.
 */
export function seedStatements(size: SeedSize, anchor: DateTime, passwordHash: string): Step[] {
  const O = size.organizations
  const P = size.programmes
  const C = size.cohorts
  const T = size.trainees
  const R = size.applicantsNotAdmitted
  const K = size.trainersPerOrganization
  const monday = anchor.startOf('week').toISODate()
  const day = anchor.toISODate()
  const now = `('${day}'::date::timestamp at time zone 'Europe/Paris')`
  const today = `'${day}'::date`
  const created = `('${monday}'::date - 800)::timestamp at time zone 'Europe/Paris'`
  const coordinatorBase = O
  const trainerBase = 2 * O
  const funderUserBase = trainerBase + O * K
  const traineeUserBase = funderUserBase + 6
  const rep = representativeCohortId(C)
  const q = (value: string) => `'${value.replace(/'/g, "''")}'`
  const hash = q(passwordHash)
  const domain = BENCH_EMAIL_DOMAIN
  const pick = (items: string[], r: string) =>
    `(array[${items.map(q).join(', ')}])[1 + floor(${r} * ${items.length})::int]`

  // Cohort c: programme, organisation and trainer, as SQL over a column `c`.
  const programmeOf = (c: string) => `(((${c}) - 1) % ${P} + 1)`
  const orgOfProgramme = (p: string) => `(((${p}) - 1) % ${O} + 1)`
  const orgOf = (c: string) => orgOfProgramme(programmeOf(c))
  const cohortStart = (c: string) =>
    `('${monday}'::date + 7 * (floor(((${c}) - 1) * ${WEEKS_SPREAD}::numeric / ${C})::int - ${WEEKS_BEFORE}))`
  const trainerOf = (c: string) =>
    `(${trainerBase} + (${orgOf(c)} - 1) * ${K} + ((${c}) % ${K}) + 1)`

  const towns = [
    'Caen',
    'Rouen',
    'Lille',
    'Nantes',
    'Rennes',
    'Lyon',
    'Marseille',
    'Toulouse',
    'Bordeaux',
    'Strasbourg',
    'Montpellier',
    'Dijon',
    'Metz',
    'Amiens',
    'Limoges',
    'Besançon',
    'Orléans',
    'Tours',
    'Brest',
    'Pau',
  ]
  const departments = [
    '14',
    '76',
    '59',
    '44',
    '35',
    '69',
    '13',
    '31',
    '33',
    '67',
    '34',
    '21',
    '57',
    '80',
    '87',
    '25',
    '45',
    '37',
    '29',
    '64',
  ]
  const femaleNames = [
    'Amina',
    'Sophie',
    'Fatou',
    'Julie',
    'Nadia',
    'Claire',
    'Inès',
    'Léa',
    'Sarah',
    'Aïcha',
    'Camille',
    'Marie',
  ]
  const maleNames = [
    'Karim',
    'Thomas',
    'Moussa',
    'Lucas',
    'Yanis',
    'Pierre',
    'Hugo',
    'Mehdi',
    'Nicolas',
    'Ousmane',
  ]
  const lastNames = [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Richard',
    'Petit',
    'Durand',
    'Leroy',
    'Moreau',
    'Simon',
    'Laurent',
    'Lefebvre',
    'Michel',
    'Garcia',
    'David',
    'Bertrand',
    'Roux',
    'Vincent',
    'Fournier',
    'Morel',
    'Girard',
    'André',
    'Mercier',
    'Dupont',
    'Lambert',
    'Bonnet',
    'François',
    'Martinez',
    'Diallo',
    'Traoré',
    'Benali',
    'Nguyen',
    'Haddad',
    'Legrand',
    'Garnier',
    'Faure',
    'Rousseau',
    'Blanc',
    'Guerin',
  ]
  const trainings = [
    'Développeur·se web',
    'Les clés du numérique',
    'Technicien·ne d’assistance informatique',
    'Référent·e numérique',
    'Conseiller·ère numérique',
    'Digit’Elles',
    'Data analyst',
    'Community manager',
  ]
  const r = (key: string, salt: number) => `pg_temp.rnd(${key}, ${salt})`

  const steps: Step[] = []
  const add = (table: string, sql: string) => steps.push({ table, sql })

  add(
    'organizations',
    `insert into organizations (id, name, slug, siret, nda, qualiopi_status, qualiopi_valid_until, created_at, updated_at)
     select o, 'Trajectio ' || ${pick(towns, `((o - 1) % ${towns.length})::float8 / ${towns.length}`)} || ' ' || o,
       'bench-org-' || o, lpad((80000000000000 + o)::text, 14, '0'), lpad((11000000000 + o)::text, 11, '0'),
       'certified', '${monday}'::date + 700, ${created}, ${created}
     from generate_series(1, ${O}) o`
  )
  add(
    'sites',
    `insert into sites (id, organization_id, name, address, postal_code, city, department_code, created_at, updated_at)
     select (o - 1) * 2 + s, o, 'Site ' || s || ' — ' || o, s || ' rue de la Formation',
       lpad(((${pick(departments, `((o - 1) % ${departments.length})::float8 / ${departments.length}`)})::int * 1000 + s)::text, 5, '0'),
       ${pick(towns, `((o - 1) % ${towns.length})::float8 / ${towns.length}`)},
       ${pick(departments, `((o - 1) % ${departments.length})::float8 / ${departments.length}`)}, ${created}, ${created}
     from generate_series(1, ${O}) o cross join generate_series(1, 2) s`
  )
  add(
    'funders',
    `insert into funders (id, name, slug, kind, receives_names, outcome_definitions, created_at, updated_at)
     values
       (1, 'France Travail (bench)', '${EXPORT_FUNDER_SLUG}', 'france_travail', false, '["ft_durable_employment","ft_access_to_employment"]', ${created}, ${created}),
       (2, 'Grande École du Numérique (bench)', '${INDICATORS_FUNDER_SLUG}', 'gen_label', false, '["gen_positive_exit"]', ${created}, ${created}),
       (3, 'Région (bench)', 'bench-region', 'region', true, null, ${created}, ${created}),
       (4, 'OPCO (bench)', 'bench-opco', 'opco', false, null, ${created}, ${created}),
       (5, 'Fonds social européen (bench)', 'bench-fse', 'esf', false, null, ${created}, ${created}),
       (6, 'Fondation (bench)', 'bench-fondation', 'foundation', false, '["employment"]', ${created}, ${created})`
  )
  add(
    'users',
    `insert into users (id, organization_id, funder_id, full_name, email, password, role, created_at, updated_at)
     select o, o, null::integer, 'Admin ' || o, 'admin-' || o || '@${domain}', ${hash}, 'admin', ${created}, ${created}
       from generate_series(1, ${O}) o
     union all
     select ${coordinatorBase} + o, o, null, 'Coordinatrice ' || o, 'coordination-' || o || '@${domain}', ${hash}, 'coordinator', ${created}, ${created}
       from generate_series(1, ${O}) o
     union all
     select ${trainerBase} + (o - 1) * ${K} + k, o, null, 'Formateur ' || o || '-' || k, 'formation-' || o || '-' || k || '@${domain}', ${hash}, 'trainer', ${created}, ${created}
       from generate_series(1, ${O}) o cross join generate_series(1, ${K}) k
     union all
     select ${funderUserBase} + f, null, f, 'Financeur ' || f, 'financeur-' || f || '@${domain}', ${hash}, 'funder', ${created}, ${created}
       from generate_series(1, 6) f
     union all
     select ${traineeUserBase} + t, ${orgOf(`(t - 1) / ${TRAINEES_PER_COHORT} + 1`)}, null, 'Stagiaire ' || t,
       'stagiaire-' || t || '@${domain}', ${hash}, 'trainee', ${created}, ${created}
       from generate_series(1, ${T}) t`
  )
  add(
    'programmes',
    `insert into programmes (id, organization_id, title, slug, description, total_hours, certification_kind,
       certification_code, certification_level, formacode, nsf_code, bpf_objective, gen_label_id,
       gen_label_valid_from, gen_label_valid_until, status, created_at, updated_at)
     select p, ${orgOfProgramme('p')}, ${pick(trainings, `((p - 1) % ${trainings.length})::float8 / ${trainings.length}`)} || ' ' || p,
       'bench-programme-' || p, 'Programme de 400 heures.', 400,
       case when p % 3 = 0 then 'rncp' when p % 3 = 1 then 'rs' else 'none' end,
       case when p % 3 = 0 then 'RNCP' || (31000 + p) when p % 3 = 1 then 'RS' || (5000 + p) end,
       case when p % 3 = 0 then 3 + p % 3 end, '31054', '326',
       case when p % 3 = 0 then 'rncp_level_4' when p % 3 = 1 then 'certification_rs' else 'other_professional' end,
       case when p % 2 = 0 then 'GEN-' || p end,
       case when p % 2 = 0 then '${monday}'::date - 900 end,
       case when p % 2 = 0 then '${monday}'::date + 200 end,
       'ready', ${created}, ${created}
     from generate_series(1, ${P}) p`
  )
  add(
    'programme_modules',
    `insert into programme_modules (id, organization_id, programme_id, title, kind, planned_hours, position, location, created_at, updated_at)
     select (p - 1) * 6 + m.position, ${orgOfProgramme('p')}, p, m.title, m.kind, m.hours, m.position, m.location, ${created}, ${created}
     from generate_series(1, ${P}) p
     cross join (values
       (1, 'Compétences numériques', 'digital', 196, 'centre'),
       (2, 'Français', 'french', 56, 'centre'),
       (3, 'Mathématiques', 'maths', 42, 'centre'),
       (4, 'Savoir-être', 'soft_skills', 35, 'centre'),
       (5, 'Visites d’entreprises', 'company_visit', 14, 'company'),
       (6, 'Projet professionnel', 'other', 57, 'centre')
     ) as m(position, title, kind, hours, location)`
  )
  add(
    'partner_companies',
    `insert into partner_companies (id, organization_id, name, siret, sector, address_line, postal_code, city, created_at, updated_at)
     select (o - 1) * 20 + i, o, 'Entreprise ' || o || '-' || i, lpad((90000000000000 + (o - 1) * 20 + i)::text, 14, '0'),
       (array['Numérique', 'Commerce', 'Services', 'Industrie', 'Santé'])[1 + i % 5], i || ' avenue des Entreprises', '75001', 'Paris',
       ${created}, ${created}
     from generate_series(1, ${O}) o cross join generate_series(1, 20) i`
  )
  add(
    'company_contacts',
    `insert into company_contacts (id, organization_id, partner_company_id, full_name, role, email, phone, created_at, updated_at)
     select id, organization_id, id, 'Tuteur ' || id, 'Tuteur', 'tuteur-' || id || '@${domain}', '0600000000', created_at, created_at
     from partner_companies`
  )
  add(
    'cohorts',
    `insert into cohorts (id, organization_id, programme_id, site_id, coordinator_id, name, starts_on, ends_on, capacity, status, esf_cofinanced, created_at, updated_at)
     select c, ${orgOf('c')}, ${programmeOf('c')}, (${orgOf('c')} - 1) * 2 + c % 2 + 1, ${coordinatorBase} + ${orgOf('c')},
       case when c = ${rep} then ${q(REPRESENTATIVE_COHORT_NAME)} else 'Promo ' || c || ' — ' || ${pick(trainings, `((${programmeOf('c')} - 1) % ${trainings.length})::float8 / ${trainings.length}`)} end,
       s.starts_on, s.starts_on + 78, ${TRAINEES_PER_COHORT},
       case when s.starts_on + 78 < ${today} then 'completed' when s.starts_on <= ${today} then 'running'
            when s.starts_on <= ${today} + 56 then 'recruiting' else 'planned' end,
       c % 5 = 0, ${created}, ${created}
     from generate_series(1, ${C}) c cross join lateral (select ${cohortStart('c')} as starts_on) s`
  )
  add(
    'cohort_funders',
    `insert into cohort_funders (organization_id, cohort_id, funder_id, places_funded, created_at, updated_at)
     select c.organization_id, c.id, f.id, case when f.id = 1 then 25 else 10 end, c.created_at, c.created_at
     from cohorts c join funders f on f.id = 1 or (f.id = 2 and c.id % 2 = 0) or (f.id = 3 and c.id % 2 = 1)
       or (f.id = 4 and c.id % 7 = 0) or (f.id = 5 and c.id % 5 = 0) or (f.id = 6 and c.id % 11 = 0)
     order by c.id, f.id`
  )
  // Session k (0…113) of a cohort: half-day k % 2 of weekday k / 2.
  add(
    'class_sessions',
    `insert into class_sessions (id, organization_id, cohort_id, programme_module_id, trainer_id, partner_company_id,
       starts_at, ends_at, room, is_cancelled, published_at, created_at, updated_at,
       roll_call_at, roll_call_by_id, trainer_signed_at, trainer_signature_method)
     select x.id, x.organization_id, x.cohort_id, x.module_id, x.trainer_id, x.company_id, x.starts_at, x.ends_at,
       x.room, x.cancelled, x.published_at, x.published_at, x.published_at,
       case when x.with_roll_call then x.ends_at + interval '5 minutes' end,
       case when x.with_roll_call then x.trainer_id end,
       case when x.with_roll_call then x.ends_at end,
       case when x.with_roll_call then 'trainer' end
     from (
       select y.*, (not y.cancelled and y.ends_at <= ${now} and ${r('y.id', 2)} >= 0.003) as with_roll_call
       from (
         select (c.id - 1) * ${SESSIONS_PER_COHORT} + k + 1 as id, c.organization_id, c.id as cohort_id,
           (c.programme_id - 1) * 6 + case when k < 56 then 1 when k < 72 then 2 when k < 84 then 3 when k < 94 then 4 when k < 98 then 5 else 6 end as module_id,
           ${trainerOf('c.id')} as trainer_id,
           case when k between 94 and 97 then (c.organization_id - 1) * 20 + 1 + (c.id + k) % 20 end as company_id,
           (d.day + case when k >= 112 then (case when k % 2 = 0 then time '08:30' else time '13:30' end)
                         else (case when k % 2 = 0 then time '09:00' else time '13:30' end) end) at time zone 'Europe/Paris' as starts_at,
           (d.day + case when k >= 112 then (case when k % 2 = 0 then time '12:30' else time '17:30' end)
                         else (case when k % 2 = 0 then time '12:30' else time '17:00' end) end) at time zone 'Europe/Paris' as ends_at,
           'Salle ' || (1 + c.id % 4) as room,
           ${r(`(c.id - 1) * ${SESSIONS_PER_COHORT} + k + 1`, 1)} < 0.004 as cancelled,
           (c.starts_on - 14)::timestamp at time zone 'Europe/Paris' as published_at
         from cohorts c
         cross join generate_series(0, ${SESSIONS_PER_COHORT - 1}) k
         cross join lateral (select c.starts_on + (k / 2 / 5) * 7 + (k / 2) % 5 as day) d
       ) y
     ) x
     order by x.id`
  )
  const applicantCohort = `((t - ${T} - 1) % ${C} + 1)`
  add(
    'trainees',
    `insert into trainees (id, organization_id, user_id, first_name, last_name, email, phone, birth_date, sex,
       address_line, postal_code, city, qpv, qpv_code, qpv_geography, zrr, qualification_level, job_seeker,
       job_seeker_since, france_travail_id, neet, rsa, rqth, rqth_consent_at, prescriber, payer, created_at, updated_at)
     select t, ${orgOf('x.cohort')}, case when t <= ${T} then ${traineeUserBase} + t end,
       case when x.female then ${pick(femaleNames, r('t', 21))} else ${pick(maleNames, r('t', 21))} end,
       ${pick(lastNames, r('t', 22))},
       'stagiaire-' || t || '@${domain}', '06' || lpad((t % 100000000)::text, 8, '0'),
       '${monday}'::date - (6570 + floor(${r('t', 23)} * 12000)::int),
       case when x.female then 'female' when ${r('t', 24)} < 0.97 then 'male' else 'other' end,
       t || ' rue des Stagiaires', '75001', 'Paris',
       ${r('t', 25)} < 0.3, case when ${r('t', 25)} < 0.3 then 'QN0' || (t % 1000) end, case when ${r('t', 25)} < 0.3 then '2024' end,
       ${r('t', 26)} < 0.1,
       case when ${r('t', 27)} < 0.05 then null else floor(${r('t', 28)} * 7)::int end,
       ${r('t', 29)} < 0.7, case when ${r('t', 29)} < 0.7 then '${monday}'::date - 900 + floor(${r('t', 30)} * 600)::int end,
       case when ${r('t', 29)} < 0.7 then 'FT' || t end,
       ${r('t', 31)} < 0.25, ${r('t', 32)} < 0.2,
       case when ${r('t', 33)} < 0.06 then 'yes' when ${r('t', 33)} < 0.7 then 'no' else 'undisclosed' end,
       case when ${r('t', 33)} < 0.7 then ${created} end,
       (array['France Travail', 'Mission locale', 'Cap emploi', null])[1 + t % 4], null, ${created}, ${created}
     from generate_series(1, ${T + R}) t
     cross join lateral (select case when t <= ${T} then (t - 1) / ${TRAINEES_PER_COHORT} + 1 else ${applicantCohort} end as cohort,
                                ${r('t', 20)} < 0.62 as female) x`
  )
  add(
    'applications',
    `insert into applications (id, organization_id, cohort_id, trainee_id, source, motivation, status, eligible,
       rgpd_consent_at, last_contact_at, created_at, updated_at)
     select t.id, t.organization_id, x.cohort_id, t.id,
       ${pick(['france_travail', 'mission_locale', 'cap_emploi', 'word_of_mouth', 'social_media', 'website', 'other'], r('t.id', 40))},
       'Je veux apprendre le numérique.',
       case when t.id <= ${T} then 'admitted' else ${pick(['rejected', 'rejected', 'withdrawn', 'waitlisted'], r('t.id', 41))} end,
       t.id <= ${T} or ${r('t.id', 42)} < 0.7,
       x.applied_at, x.applied_at + interval '20 days', x.applied_at, x.applied_at + interval '20 days'
     from trainees t
     cross join lateral (select case when t.id <= ${T} then (t.id - 1) / ${TRAINEES_PER_COHORT} + 1 else ${applicantCohort.replace(/\bt\b/g, 't.id')} end as cohort_id) x0
     cross join lateral (select x0.cohort_id, ((select starts_on from cohorts where id = x0.cohort_id) - 60 + floor(${r('t.id', 43)} * 30)::int)::timestamp at time zone 'Europe/Paris' as applied_at) x
     order by t.id`
  )
  add(
    'application_status_changes',
    `insert into application_status_changes (organization_id, application_id, from_status, to_status, changed_by_id, note, created_at)
     select a.organization_id, a.id, s.from_status, coalesce(s.to_status, a.status),
       case when s.step = 2 then ${coordinatorBase} + a.organization_id end, null,
       case when s.step = 1 then a.created_at else a.updated_at end
     from applications a
     cross join (values (1, null, 'submitted'), (2, 'submitted', null)) as s(step, from_status, to_status)
     order by a.id, s.step`
  )
  // Enrollment t = trainee t. Dropouts leave on a day of the cohort, before the anchor.
  add(
    'enrollments',
    `insert into enrollments (id, organization_id, cohort_id, trainee_id, status, starts_on, ends_on, exit_on, exit_reason,
       certification_result, created_at, updated_at)
     select t, c.organization_id, c.id, t,
       case when x.dropped then 'dropped_out' when c.ends_on < ${today} then 'completed' when c.starts_on <= ${today} then 'active' else 'enrolled' end,
       c.starts_on, c.ends_on,
       case when x.dropped then x.drop_on when c.ends_on < ${today} then c.ends_on end,
       case when x.dropped then ${pick(['found_job', 'found_job', 'health', 'personal', 'personal', 'other_training', 'excluded', 'other'], r('t', 52))}
            when c.ends_on < ${today} then 'completed' end,
       case when not x.dropped and c.ends_on < ${today} and p.certification_kind <> 'none' then
         case when ${r('t', 53)} < 0.75 then 'passed' when ${r('t', 53)} < 0.85 then 'partial' when ${r('t', 53)} < 0.93 then 'failed' else 'not_presented' end
       end,
       c.created_at, c.created_at
     from generate_series(1, ${T}) t
     join cohorts c on c.id = (t - 1) / ${TRAINEES_PER_COHORT} + 1
     join programmes p on p.id = c.programme_id
     cross join lateral (select c.starts_on + 3 + floor(${r('t', 51)} * 72)::int as drop_on) d
     cross join lateral (select ${r('t', 50)} < case when c.ends_on < ${today} then 0.12 else 0.06 end and d.drop_on < ${today} as dropped, d.drop_on) x
     order by t`
  )
  // One record per trainee per past session with a roll call, within the enrollment's days.
  add(
    'attendance_records',
    `insert into attendance_records (organization_id, class_session_id, enrollment_id, status, minutes_missed,
       absence_reason, absence_justified, signed_at, signature_method, recorded_by_id, created_at, updated_at)
     select y.organization_id, y.session_id, y.enrollment_id, y.status,
       case when y.status = 'late' then 5 + floor(${r('y.key', 5)} * 55)::int else 0 end,
       case when y.status = 'absent' then y.reason end,
       case when y.status = 'absent' and y.reason is not null then y.reason in ('illness', 'medical_exam', 'administrative_appointment', 'job_interview') end,
       case when y.status <> 'absent' then y.starts_at + interval '10 minutes' end,
       case when y.status <> 'absent' then case when ${r('y.key', 7)} < 0.7 then 'trainee_phone' else 'trainer' end end,
       y.trainer_id, y.roll_call_at, y.roll_call_at
     from (
       select cs.organization_id, cs.id as session_id, e.id as enrollment_id, cs.starts_at, cs.roll_call_at, cs.trainer_id, z.key,
         case when ${r('z.key', 3)} < z.absent then 'absent' when ${r('z.key', 3)} < z.absent + 0.05 then 'late' else 'present' end as status,
         case when ${r('z.key', 6)} < 0.3 then null else ${pick(['illness', 'illness', 'family_event', 'medical_exam', 'administrative_appointment', 'job_interview', 'transport', 'other'], r('z.key', 8))} end as reason
       from class_sessions cs
       join enrollments e on e.cohort_id = cs.cohort_id
         and (e.exit_on is null or (cs.starts_at at time zone 'Europe/Paris')::date <= e.exit_on)
       cross join lateral (select cs.id::bigint * 131072 + e.id as key, 0.02 + 0.15 * power(${r('e.id', 4)}, 2) as absent) z
       where cs.roll_call_at is not null
     ) y
     order by y.session_id, y.enrollment_id`
  )
  add(
    'internships',
    `insert into internships (organization_id, enrollment_id, partner_company_id, tutor_contact_id, kind, prescriber,
       starts_on, ends_on, hours_total, weekly_hours, place, tasks, objectives, evaluation_method, status,
       signed_on, started_on, completed_on, created_at, updated_at)
     select e.organization_id, e.id, x.company, x.company,
       case when ${r('e.id', 60)} < 0.4 then 'pmsmp' else 'stage' end,
       case when ${r('e.id', 60)} < 0.4 then 'France Travail' end,
       e.starts_on + 63, e.starts_on + 67, 35, 35, 'Sur place', 'Découvrir le métier.', 'Confirmer le projet.', 'Grille du tuteur',
       case when e.starts_on + 67 < ${today} then 'completed' when e.starts_on + 63 <= ${today} then 'ongoing' else 'signed' end,
       e.starts_on + 50,
       case when e.starts_on + 63 <= ${today} then e.starts_on + 63 end,
       case when e.starts_on + 67 < ${today} then e.starts_on + 67 end,
       (e.starts_on + 40)::timestamp at time zone 'Europe/Paris', (e.starts_on + 40)::timestamp at time zone 'Europe/Paris'
     from enrollments e
     cross join lateral (select (e.organization_id - 1) * 20 + 1 + e.id % 20 as company) x
     where e.starts_on + 50 <= ${today} and (e.exit_on is null or e.exit_on > e.starts_on + 67) and ${r('e.id', 61)} < 0.7
     order by e.id`
  )
  // Outcomes: observed at exit and 3, 6, 12 months later, when that day is past.
  add(
    'outcomes',
    `insert into outcomes (organization_id, enrollment_id, checkpoint, observed_on, situation, contract_type,
       contract_months, working_time, contract_start_on, employer_name, employer_siret, job_title, source,
       recorded_by_id, needs_review, created_at, updated_at)
     select y.organization_id, y.id, y.checkpoint, y.observed_on, y.situation,
       case when y.situation = 'employed' and ${r('y.key', 72)} >= 0.02 then y.contract end,
       case when y.situation = 'employed' and y.contract in ('cdd', 'interim', 'apprenticeship', 'professionalisation', 'aided_contract')
            and ${r('y.key', 73)} >= 0.05 then 1 + floor(${r('y.key', 74)} * 18)::int end,
       case when y.situation = 'employed' then case when ${r('y.key', 75)} < 0.75 then 'full_time' else 'part_time' end end,
       case when y.situation = 'employed' and ${r('y.key', 76)} >= 0.03 then y.exit_on + floor(${r('y.key', 77)} * 240)::int end,
       case when y.situation = 'employed' then 'Employeur ' || (y.id % 997) end,
       null,
       case when y.situation = 'employed' then 'Employé·e' end,
       ${pick(['declared', 'declared', 'phone', 'document'], r('y.key', 78))},
       ${coordinatorBase} + y.organization_id, false,
       y.observed_on::timestamp at time zone 'Europe/Paris', y.observed_on::timestamp at time zone 'Europe/Paris'
     from (
       select e.id, e.organization_id, e.exit_on, cp.checkpoint, cp.n, e.id::bigint * 8 + cp.n as key,
         (e.exit_on + make_interval(months => cp.months))::date as observed_on,
         case when ${r('e.id::bigint * 8 + cp.n', 70)} < 0.03 then 'unknown'
              when ${r('e.id::bigint * 8 + cp.n', 70)} < 0.03 + cp.employed then 'employed'
              when ${r('e.id::bigint * 8 + cp.n', 70)} < 0.13 + cp.employed then 'training'
              when ${r('e.id::bigint * 8 + cp.n', 70)} < 0.88 then 'job_seeking' else 'inactive' end as situation,
         ${pick(['cdi', 'cdi', 'cdi', 'cdd', 'cdd', 'cdd', 'cdd', 'interim', 'interim', 'apprenticeship', 'professionalisation', 'aided_contract', 'business_creation', 'civil_service'], r('e.id::bigint * 8 + cp.n', 71))} as contract
       from enrollments e
       cross join (values (1, 'exit', 0, 0.9, 0.25), (2, 'm3', 3, 0.75, 0.4), (3, 'm6', 6, 0.65, 0.48), (4, 'm12', 12, 0.55, 0.55))
         as cp(n, checkpoint, months, observed, employed)
       where e.exit_on is not null and e.exit_on + make_interval(months => cp.months) <= ${today}
         and ${r('e.id::bigint * 8 + cp.n', 79)} < cp.observed
     ) y
     order by y.id, y.n`
  )
  // A few earlier observations at 3 months, superseded by the later one.
  add(
    'outcomes',
    `insert into outcomes (organization_id, enrollment_id, checkpoint, observed_on, situation, source, recorded_by_id,
       needs_review, created_at, updated_at)
     select o.organization_id, o.enrollment_id, 'm3', o.observed_on - 7, 'job_seeking', 'declared', o.recorded_by_id,
       false, o.created_at - interval '7 days', o.created_at - interval '7 days'
     from outcomes o
     where o.checkpoint = 'm3' and ${r('o.enrollment_id', 80)} < 0.05
     order by o.id`
  )
  add(
    'follow_ups',
    `insert into follow_ups (organization_id, enrollment_id, checkpoint, due_on, status, sent_at, answered_at, closed_at, created_at, updated_at)
     select e.organization_id, e.id, cp.checkpoint, x.due_on,
       case when x.due_on > ${today} then 'due'
            when exists (select 1 from outcomes o where o.enrollment_id = e.id and o.checkpoint = cp.checkpoint) then 'answered'
            when x.due_on < ${today} - 60 then 'closed' else 'to_call' end,
       case when x.due_on <= ${today} then x.due_on::timestamp at time zone 'Europe/Paris' end,
       case when x.due_on <= ${today} and exists (select 1 from outcomes o where o.enrollment_id = e.id and o.checkpoint = cp.checkpoint)
            then (x.due_on + 2)::timestamp at time zone 'Europe/Paris' end,
       case when x.due_on < ${today} - 60 and not exists (select 1 from outcomes o where o.enrollment_id = e.id and o.checkpoint = cp.checkpoint)
            then (x.due_on + 60)::timestamp at time zone 'Europe/Paris' end,
       e.exit_on::timestamp at time zone 'Europe/Paris', e.exit_on::timestamp at time zone 'Europe/Paris'
     from enrollments e
     cross join (values ('m3', 3), ('m6', 6), ('m12', 12)) as cp(checkpoint, months)
     cross join lateral (select (e.exit_on + make_interval(months => cp.months))::date as due_on) x
     where e.exit_on is not null
     order by e.id, cp.months`
  )
  return steps
}

/** Tables whose ids the seed writes itself: their sequences move past them. */
export const TABLES_WITH_EXPLICIT_IDS = [
  'organizations',
  'sites',
  'funders',
  'users',
  'programmes',
  'programme_modules',
  'partner_companies',
  'company_contacts',
  'cohorts',
  'class_sessions',
  'trainees',
  'applications',
  'enrollments',
]

/** Every table the seed writes, for the counts it prints. */
export const SEEDED_TABLES = [
  ...TABLES_WITH_EXPLICIT_IDS,
  'cohort_funders',
  'application_status_changes',
  'attendance_records',
  'internships',
  'outcomes',
  'follow_ups',
]

/**
 * Writes the dataset in one transaction; `log` hears each step and its time.
 */
export async function seedNationalDataset(
  trx: TransactionClientContract,
  options: { trainees: number; anchor: DateTime; passwordHash: string; log: (line: string) => void }
) {
  const size = seedSize(options.trainees)
  await trx.rawQuery(
    `create function pg_temp.rnd(a bigint, b integer) returns double precision
     language sql immutable parallel safe
     as $$ select (hashint8(a * 7919 + b) & 2147483647)::double precision / 2147483648.0 $$`
  )
  for (const step of seedStatements(size, options.anchor, options.passwordHash)) {
    const started = performance.now()
    const result = await trx.rawQuery(step.sql)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    options.log(`${step.table}: ${result.rowCount ?? '?'} rows in ${seconds} s`)
  }
  for (const table of TABLES_WITH_EXPLICIT_IDS) {
    await trx.rawQuery(
      `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`
    )
  }
  return size
}
