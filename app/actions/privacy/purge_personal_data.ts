import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import Trainee from '#models/trainee'
import AnonymizeTrainee from '#actions/privacy/anonymize_trainee'
import { recordAudit } from '#services/audit'
import { removeProof } from '#services/absence_proofs'
import { PARIS, sqlDate, sqlDateTime } from '#services/sql_time'

/**
 * A rejected applicant whose retention is over.
 */
export type ExpiredApplicant = {
  organizationId: number
  traineeId: number
  name: string
  lastContactAt: DateTime
}

/**
 * A finished cohort whose attendance evidence is past its retention.
 */
export type ExpiredAttendance = {
  organizationId: number
  cohortId: number
  name: string
  endsOn: DateTime
  esf: boolean
  records: number
  proofs: number
}

export type PurgePlan = { applicants: ExpiredApplicant[]; attendance: ExpiredAttendance[] }

const moment = (value: unknown) =>
  value instanceof Date
    ? DateTime.fromJSDate(value, { zone: 'utc' })
    : DateTime.fromSQL(String(value), { zone: 'utc' })
const day = (value: unknown) =>
  value instanceof Date
    ? DateTime.fromJSDate(value).setZone(PARIS).startOf('day')
    : DateTime.fromISO(String(value).slice(0, 10), { zone: PARIS })

/**
 * Retention of personal data, per category and per organisation (its
 * settings, 2, 6 and 10 years by default):
 *
 * - rejected applicants: a person never enrolled whose applications were
 *   all closed without admission (rejected, or withdrawn after a
 *   rejection elsewhere) is anonymised N years after the last contact (the
 *   latest of the applications' last contact, last change and status
 *   moves). Anonymised rather than deleted: the applications stay as
 *   anonymous counts, so past GEN figures and label mixes do not change.
 * - attendance evidence (attendance records with their signatures,
 *   devices and IPs, absence proofs, the trainer's signature on each
 *   session, attendance alerts, and the audit trail of those records): deleted N years after
 *   the cohort's end, 10 when the ESF co-finances it (the cohort's flag or
 *   an ESF funder among its funders). Enrollments, exits, certifications
 *   and outcomes stay: outcome rates and results pages are unchanged.
 *
 * `now` is the day the purge runs (today by default).
 */
export default class PurgePersonalData {
  async plan(now: DateTime = DateTime.now()): Promise<PurgePlan> {
    const organizations = await Organization.query().orderBy('id')
    const plan: PurgePlan = { applicants: [], attendance: [] }
    for (const organization of organizations) {
      plan.applicants.push(...(await this.expiredApplicants(organization, now)))
      plan.attendance.push(...(await this.expiredAttendance(organization, now)))
    }
    return plan
  }

  async run(now: DateTime = DateTime.now()) {
    const plan = await this.plan(now)
    const anonymize = new AnonymizeTrainee()
    for (const applicant of plan.applicants) {
      const trainee = await Trainee.findOrFail(applicant.traineeId)
      await anonymize.handle({ trainee, user: null, cause: 'retention' })
    }
    for (const cohort of plan.attendance) await this.purgeAttendance(cohort, now)
    return plan
  }

  private async expiredApplicants(organization: Organization, now: DateTime) {
    const cutoff = sqlDateTime(now.minus({ years: organization.retentionRejectedYears }))
    const rows = await db
      .from('trainees as t')
      .join('applications as a', 'a.trainee_id', 't.id')
      .where('t.organization_id', organization.id)
      .whereNull('t.anonymized_at')
      .whereNotExists((query) => {
        query.from('enrollments as e').whereRaw('e.trainee_id = t.id')
      })
      .whereNotExists((query) => {
        query
          .from('applications as open')
          .whereRaw('open.trainee_id = t.id')
          .whereNotIn('open.status', ['rejected', 'withdrawn'])
      })
      .whereNotExists((query) => {
        query
          .from('application_status_changes as sc')
          .join('applications as moved', 'moved.id', 'sc.application_id')
          .whereRaw('moved.trainee_id = t.id')
          .where('sc.created_at', '>=', cutoff)
      })
      .groupBy('t.id', 't.first_name', 't.last_name')
      .select('t.id', 't.first_name', 't.last_name')
      .max('a.updated_at as last_update')
      .max('a.last_contact_at as last_contact')
      .havingRaw(`sum(case when a.status = 'rejected' then 1 else 0 end) > 0`)
      .havingRaw('max(a.updated_at) < ?', [cutoff])
      .havingRaw('(max(a.last_contact_at) is null or max(a.last_contact_at) < ?)', [cutoff])
      .orderBy('t.id')
    return rows.map((row): ExpiredApplicant => {
      const update = moment(row.last_update)
      const contact = row.last_contact ? moment(row.last_contact) : null
      return {
        organizationId: organization.id,
        traineeId: Number(row.id),
        name: `${row.first_name} ${row.last_name}`,
        lastContactAt: contact && contact > update ? contact : update,
      }
    })
  }

  private async expiredAttendance(organization: Organization, now: DateTime) {
    const today = now.setZone(PARIS).startOf('day')
    const plain = sqlDate(today.minus({ years: organization.retentionAttendanceYears }))
    const esf = sqlDate(today.minus({ years: organization.retentionAttendanceEsfYears }))
    const esfFunded = `(c.esf_cofinanced = ? or exists (select 1 from cohort_funders cf
      join funders f on f.id = cf.funder_id where cf.cohort_id = c.id and f.kind = 'esf'))`
    const rows = await db
      .from('cohorts as c')
      .where('c.organization_id', organization.id)
      .whereNull('c.attendance_purged_at')
      .whereRaw(`((${esfFunded} and c.ends_on < ?) or (not ${esfFunded} and c.ends_on < ?))`, [
        true,
        esf,
        true,
        plain,
      ])
      .select('c.id', 'c.name', 'c.ends_on')
      .select(db.raw(`case when ${esfFunded} then 1 else 0 end as esf`, [true]))
      .select(
        db.raw(`(select count(*) from attendance_records ar join class_sessions cs
          on cs.id = ar.class_session_id where cs.cohort_id = c.id) as records`)
      )
      .select(
        db.raw(`(select count(*) from attendance_records ar join class_sessions cs
          on cs.id = ar.class_session_id where cs.cohort_id = c.id
          and ar.proof_path is not null) as proofs`)
      )
      .orderBy('c.ends_on')
    return rows.map((row): ExpiredAttendance => ({
      organizationId: organization.id,
      cohortId: Number(row.id),
      name: row.name,
      endsOn: day(row.ends_on),
      esf: Number(row.esf) === 1,
      records: Number(row.records),
      proofs: Number(row.proofs),
    }))
  }

  private async purgeAttendance(cohort: ExpiredAttendance, now: DateTime) {
    const files = await db.transaction(async (trx) => {
      const sessions = trx.from('class_sessions').select('id').where('cohort_id', cohort.cohortId)
      const records = trx
        .from('attendance_records')
        .select('id')
        .whereIn('class_session_id', sessions)
      const proofs = await trx
        .from('attendance_records')
        .whereIn('class_session_id', sessions)
        .whereNotNull('proof_path')
        .select('proof_path')
      await trx
        .from('audit_events')
        .where('subject_type', 'attendance_records')
        .whereIn('subject_id', records)
        .delete()
      await trx.from('attendance_records').whereIn('class_session_id', sessions).delete()
      await trx.from('attendance_alerts').where('cohort_id', cohort.cohortId).delete()
      await trx
        .from('class_sessions')
        .where('cohort_id', cohort.cohortId)
        .update({ trainer_signed_at: null, trainer_signature_method: null })
      await trx
        .from('cohorts')
        .where('id', cohort.cohortId)
        .update({ attendance_purged_at: sqlDateTime(now) })
      await recordAudit(trx, [
        {
          organizationId: cohort.organizationId,
          userId: null,
          action: 'cohort.attendance_purged',
          subjectType: 'cohorts',
          subjectId: cohort.cohortId,
          changes: {
            attendance_records: { from: cohort.records, to: 0 },
            absence_proofs: { from: cohort.proofs, to: 0 },
          },
          reason: `Fin de la durée de conservation (${cohort.esf ? 'cofinancement FSE' : 'cas général'})`,
        },
      ])
      return proofs.map((row) => row.proof_path as string)
    })
    for (const key of files) await removeProof(key)
  }
}
