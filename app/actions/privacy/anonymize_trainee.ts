import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Trainee from '#models/trainee'
import type User from '#models/user'
import { recordAudit } from '#services/audit'
import { jsonColumn } from '#models/json_column'
import { removeProof } from '#services/absence_proofs'
import { sqlDate, sqlDateTime } from '#services/sql_time'

export type AnonymizeInput = {
  trainee: Trainee
  /** Who asked; null for the retention purge. */
  user: User | null
  /** 'request' (the person asked) or 'retention' (the purge). */
  cause: 'request' | 'retention'
  ip?: string | null
}

/**
 * The earliest day of the birth year that keeps every "under 26" count the
 * same: a report counts someone as under 26 when born after a cut-off day
 * (26 years before a cohort's start for the label mix, 26 years before 1
 * January of the year for GEN figures). Moving the birth day back to 1
 * January could cross one of those cut-offs; moving it back only as far as
 * the day after the latest cut-off before the real birthday cannot.
 */
export function coarseBirthDate(birthDate: DateTime, cutoffs: DateTime[]): DateTime {
  const born = birthDate.startOf('day')
  let day = born.startOf('year')
  for (const cutoff of cutoffs) {
    const next = cutoff.startOf('day').plus({ days: 1 })
    if (cutoff < born && next > day) day = next
  }
  return day
}

/**
 * The cut-off days of the reports that count this person as under 26.
 */
async function under26Cutoffs(trx: TransactionClientContract, traineeId: number) {
  const cohorts = await trx
    .from('cohorts as c')
    .select('c.starts_on', 'c.ends_on')
    .where((query) => {
      query
        .whereIn(
          'c.id',
          trx.from('applications').select('cohort_id').where('trainee_id', traineeId)
        )
        .orWhereIn(
          'c.id',
          trx.from('enrollments').select('cohort_id').where('trainee_id', traineeId)
        )
    })
  const day = (value: unknown) =>
    value instanceof Date
      ? DateTime.fromJSDate(value).startOf('day')
      : DateTime.fromISO(String(value).slice(0, 10))
  const cutoffs: DateTime[] = []
  for (const cohort of cohorts) {
    const startsOn = day(cohort.starts_on)
    const endsOn = day(cohort.ends_on)
    cutoffs.push(startsOn.minus({ years: 26 }))
    for (let year = startsOn.year; year <= endsOn.year; year++) {
      cutoffs.push(DateTime.fromObject({ year, month: 1, day: 1 }).minus({ years: 26 }))
    }
  }
  return cutoffs
}

/**
 * Erases a person by anonymisation: what identifies them (name, contact,
 * address, exact birth day, identifiers, free-text notes, uploaded files,
 * the login of their account) is replaced or deleted, while every fact the
 * funders' figures count is kept: sex, QPV/ZRR/NEET/RSA/job seeker flags,
 * qualification level, RQTH status (a count), payer, applications and
 * their statuses, enrollments, attendance minutes, exits and outcomes.
 *
 * All in one transaction; files are deleted once it is committed.
 */
export default class AnonymizeTrainee {
  async handle(input: AnonymizeInput) {
    const files = await db.transaction((trx) => this.erase(trx, input))
    for (const key of files) await removeProof(key)
    return { files: files.length }
  }

  async erase(
    trx: TransactionClientContract,
    { trainee, user, cause, ip }: AnonymizeInput
  ): Promise<string[]> {
    const query = Trainee.query({ client: trx }).where('id', trainee.id)
    if (trx.dialect.name === 'postgres') query.forUpdate()
    const person = await query.firstOrFail()
    if (person.anonymizedAt) return []
    const now = DateTime.now()
    const stamp = sqlDateTime(now)

    const birthDate = person.birthDate
      ? coarseBirthDate(person.birthDate, await under26Cutoffs(trx, person.id))
      : null

    const applicationIds = trx.from('applications').select('id').where('trainee_id', person.id)
    const enrollmentIds = trx.from('enrollments').select('id').where('trainee_id', person.id)

    const proofs = await trx
      .from('attendance_records')
      .whereIn('enrollment_id', enrollmentIds)
      .whereNotNull('proof_path')
      .select('proof_path')
    const scans = await trx
      .from('internships')
      .whereIn('enrollment_id', enrollmentIds)
      .whereNotNull('signed_agreement_key')
      .select('signed_agreement_key')

    await trx
      .from('trainees')
      .where('id', person.id)
      .update({
        first_name: 'Personne',
        last_name: `anonymisée n° ${person.id}`,
        email: null,
        phone: null,
        birth_date: birthDate ? sqlDate(birthDate) : null,
        address_line: null,
        postal_code: null,
        city: null,
        qpv_code: null,
        job_seeker_since: null,
        france_travail_id: null,
        prescriber: null,
        anonymized_at: stamp,
        updated_at: stamp,
      })
    await trx
      .from('applications')
      .where('trainee_id', person.id)
      .update({ motivation: null, availability: null })
    await trx
      .from('application_status_changes')
      .whereIn('application_id', applicationIds)
      .update({ note: null })
    await trx
      .from('application_scores')
      .whereIn('application_id', applicationIds)
      .update({ comment: null })
    await trx
      .from('attendance_records')
      .whereIn('enrollment_id', enrollmentIds)
      .update({ proof_path: null, signature_device: null, signature_ip: null })
    await trx
      .from('attendance_alerts')
      .whereIn('enrollment_id', enrollmentIds)
      .update({ acknowledgement_note: null })
    await trx
      .from('internships')
      .whereIn('enrollment_id', enrollmentIds)
      .update({ signed_agreement_key: null, cancel_reason: null })
    // The tutor's ratings stay; their free-text comments about the person go.
    const evaluated = await trx
      .from('internships')
      .whereIn('enrollment_id', enrollmentIds)
      .whereNotNull('evaluation')
      .select('id', 'evaluation')
    for (const row of evaluated) {
      const answers = jsonColumn.consume(row.evaluation) as Record<string, unknown> | null
      if (!answers?.comments) continue
      await trx
        .from('internships')
        .where('id', row.id)
        .update({ evaluation: jsonColumn.prepare({ ...answers, comments: null }) })
    }
    await trx.from('outcomes').whereIn('enrollment_id', enrollmentIds).update({
      employer_name: null,
      employer_siret: null,
      partner_company_id: null,
      job_title: null,
    })
    await trx
      .from('follow_ups')
      .whereIn('enrollment_id', enrollmentIds)
      .update({ call_note: null, token_secret: null, token_hash: null, token_expires_at: null })
    // The trail keeps who did what and when, not the identity it recorded.
    await trx
      .from('audit_events')
      .where((about) => {
        about
          .where((q) => q.where('subject_type', 'trainees').where('subject_id', person.id))
          .orWhere((q) =>
            q.where('subject_type', 'applications').whereIn('subject_id', applicationIds)
          )
      })
      .update({ changes: null })

    if (person.userId) {
      await trx.from('login_tokens').where('user_id', person.userId).delete()
      await trx
        .from('users')
        .where('id', person.userId)
        .update({
          full_name: 'Compte supprimé',
          email: `anonyme-${person.userId}@anonyme.invalid`,
          password: null,
          is_active: false,
          calendar_token: null,
          updated_at: stamp,
        })
    }

    await recordAudit(trx, [
      {
        organizationId: person.organizationId,
        userId: user?.id ?? null,
        action: 'trainee.anonymized',
        subjectType: 'trainees',
        subjectId: person.id,
        reason: cause === 'request' ? 'Demande d’effacement' : 'Fin de la durée de conservation',
        ip: ip ?? null,
      },
    ])

    return [
      ...proofs.map((row) => row.proof_path as string),
      ...scans.map((row) => row.signed_agreement_key as string),
    ]
  }
}
