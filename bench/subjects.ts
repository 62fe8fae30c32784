import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import {
  BENCH_EMAIL_DOMAIN,
  BENCH_PASSWORD,
  EXPORT_FUNDER_SLUG,
  INDICATORS_FUNDER_SLUG,
  REPRESENTATIVE_COHORT_NAME,
} from '#bench/national_seed'

/**
 * What the measurements look at in the national dataset written by
 * `node ace bench:seed` (bench/national_seed.ts), found by its fixed names:
 *
 * - the representative cohort (25 trainees, running, about half past), its
 *   coordinator, its trainer, its first trainee, its latest past session
 *   with a roll call (the roll-call page of a 25-trainee session);
 * - the funder whose yearly indicators are measured and the year (the
 *   last full civil year before the data's day);
 * - the funder whose outcome spreadsheet covers every enrollment, and the
 *   period that does.
 *
 * Every account's password is BENCH_PASSWORD.
 */
export type BenchSubjects = {
  password: string
  cohortId: number
  organizationId: number
  coordinatorEmail: string
  trainerEmail: string
  traineeEmail: string
  rollCallSessionId: number
  indicatorsFunderId: number
  indicatorsFunderEmail: string
  year: number
  exportFunderId: number
  exportFunderEmail: string
  exportFrom: DateTime
  exportTo: DateTime
  enrollments: number
}

export async function findBenchSubjects(): Promise<BenchSubjects> {
  const cohort = await db
    .from('cohorts')
    .where('name', REPRESENTATIVE_COHORT_NAME)
    .select('id', 'organization_id', 'coordinator_id')
    .first()
  if (!cohort) {
    throw new Error(
      'No national dataset here: run `node ace bench:seed --trainees 100000` on a freshly migrated PostgreSQL database first.'
    )
  }
  const funders = await db
    .from('funders as f')
    .join('users as u', 'u.funder_id', 'f.id')
    .whereIn('f.slug', [INDICATORS_FUNDER_SLUG, EXPORT_FUNDER_SLUG])
    .select('f.id', 'f.slug', 'u.email')
  const funder = (slug: string) => funders.find((row) => row.slug === slug)!
  const coordinator = await db
    .from('users')
    .where('id', cohort.coordinator_id)
    .select('email')
    .first()
  const session = await db
    .from('class_sessions')
    .where('cohort_id', cohort.id)
    .whereNotNull('roll_call_at')
    .orderBy('starts_at', 'desc')
    .select('id', 'trainer_id')
    .first()
  const trainer = await db.from('users').where('id', session.trainer_id).select('email').first()
  const trainee = await db
    .from('enrollments as e')
    .join('trainees as t', 't.id', 'e.trainee_id')
    .join('users as u', 'u.id', 't.user_id')
    .where('e.cohort_id', cohort.id)
    .orderBy('e.id')
    .select('u.email')
    .first()
  const [span] = await db.from('cohorts').min('starts_on as first').max('ends_on as last')
  const [{ total }] = await db.from('enrollments').count('* as total')
  const last = DateTime.fromISO(String(span.last).slice(0, 10), { zone: 'utc' })
  const lastSession = await db
    .from('class_sessions')
    .whereNotNull('roll_call_at')
    .max('starts_at as latest')
    .first()
  const asOf = DateTime.fromJSDate(new Date(lastSession?.latest ?? Date.now()))
  return {
    password: BENCH_PASSWORD,
    cohortId: Number(cohort.id),
    organizationId: Number(cohort.organization_id),
    coordinatorEmail: coordinator.email,
    trainerEmail: trainer.email,
    traineeEmail: trainee?.email ?? `stagiaire-1@${BENCH_EMAIL_DOMAIN}`,
    rollCallSessionId: Number(session.id),
    indicatorsFunderId: Number(funder(INDICATORS_FUNDER_SLUG).id),
    indicatorsFunderEmail: funder(INDICATORS_FUNDER_SLUG).email,
    year: asOf.year - 1,
    exportFunderId: Number(funder(EXPORT_FUNDER_SLUG).id),
    exportFunderEmail: funder(EXPORT_FUNDER_SLUG).email,
    exportFrom: DateTime.fromISO(String(span.first).slice(0, 10), { zone: 'utc' }),
    exportTo: last,
    enrollments: Number(total),
  }
}
