import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { LucidRow } from '@adonisjs/lucid/types/model'
import Trainee from '#models/trainee'
import Application from '#models/application'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import Internship from '#models/internship'
import Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import AuditEvent from '#models/audit_event'
import type User from '#models/user'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import { recordAudit } from '#services/audit'

/**
 * Internal keys and secrets: never part of what is handed out.
 */
const HIDDEN = new Set([
  'proofPath',
  'signedAgreementKey',
  'tokenSecret',
  'tokenHash',
  'tokenExpiresAt',
  'calendarToken',
])

function plain(row: LucidRow) {
  const data = row.serialize() as Record<string, unknown>
  for (const key of HIDDEN) delete data[key]
  return data
}

/**
 * A trainee (or applicant) of the organisation, 404 for any other id.
 */
export async function findPerson(organizationId: number | null, id: unknown) {
  return Trainee.query()
    .where('organization_id', organizationId ?? 0)
    .where('id', Number(id))
    .firstOrFail()
}

/**
 * Everything Cohorte holds about one person (right of access, RGPD art.
 * 15), as JSON: structured, readable by people and machines alike, and
 * reusable elsewhere (portability, art. 20). A constant number of queries
 * per enrollment for the attendance figures, otherwise per category.
 * Files (absence proofs, signed agreements) are listed, not attached: the
 * person gets them from the organisation on request.
 */
export default class ExportPersonData {
  async handle({ trainee, user, ip }: { trainee: Trainee; user: User; ip?: string | null }) {
    const applications = await Application.query()
      .where('trainee_id', trainee.id)
      .preload('cohort')
      .preload('statusChanges')
      .orderBy('created_at')
    const applicationIds = applications.map((a) => a.id)
    const scores = applicationIds.length
      ? await db.from('application_scores').whereIn('application_id', applicationIds)
      : []
    const enrollments = await Enrollment.query()
      .where('trainee_id', trainee.id)
      .preload('cohort')
      .orderBy('starts_on')
    const enrollmentIds = enrollments.map((e) => e.id)
    const ids = enrollmentIds.length ? enrollmentIds : [0]
    const records = await AttendanceRecord.query()
      .whereIn('enrollment_id', ids)
      .preload('classSession')
      .orderBy('id')
    const internships = await Internship.query()
      .whereIn('enrollment_id', ids)
      .preload('partnerCompany')
    const outcomes = await Outcome.query().whereIn('enrollment_id', ids).orderBy('created_at')
    const followUps = await FollowUp.query().whereIn('enrollment_id', ids).orderBy('due_on')
    const recordIds = records.length ? records.map((r) => r.id) : [0]
    const outcomeIds = outcomes.length ? outcomes.map((o) => o.id) : [0]
    const audits = await AuditEvent.query()
      .where((query) => {
        const about = (type: string, list: number[]) =>
          query.orWhere((q) => q.where('subject_type', type).whereIn('subject_id', list))
        about('trainees', [trainee.id])
        about('applications', applicationIds.length ? applicationIds : [0])
        about('enrollments', ids)
        about('attendance_records', recordIds)
        about('outcomes', outcomeIds)
      })
      .preload('user')
      .orderBy('created_at')
      .orderBy('id')

    const attendance = new ComputeAttendance()
    const figures = new Map<number, unknown>()
    for (const enrollment of enrollments) {
      const result: Record<string, unknown> = await attendance.forEnrollment(enrollment)
      delete result.rules
      figures.set(enrollment.id, result)
    }

    const file = {
      a_propos: {
        document: 'Données personnelles détenues par Cohorte (droit d’accès, RGPD article 15)',
        genere_le: DateTime.now().toISO(),
        organisme_id: trainee.organizationId,
        personne_id: trainee.id,
        fichiers:
          'Les justificatifs d’absence et conventions signées sont listés ; demandez-en une copie à l’organisme.',
      },
      identite: {
        ...plain(trainee),
        rqth: trainee.rqth,
        rqthConsentAt: trainee.rqthConsentAt?.toISO() ?? null,
      },
      candidatures: applications.map((application) => ({
        ...plain(application),
        promotion: application.cohort.name,
        historique: application.statusChanges.map(plain),
        notes_de_selection: scores
          .filter((score) => Number(score.application_id) === application.id)
          .map((score) => ({
            critere: score.criterion,
            note: score.score === undefined ? null : score.score,
            commentaire: score.comment,
          })),
      })),
      inscriptions: enrollments.map((enrollment) => ({
        ...plain(enrollment),
        promotion: enrollment.cohort.name,
        presence: figures.get(enrollment.id) ?? null,
      })),
      emargements: records.map((record) => ({
        ...plain(record),
        seance_debut: record.classSession.startsAt.toISO(),
        seance_fin: record.classSession.endsAt.toISO(),
        justificatif_depose: record.proofPath !== null,
      })),
      stages: internships.map((internship) => ({
        ...plain(internship),
        entreprise: internship.partnerCompany.name,
        convention_signee_deposee: internship.signedAgreementKey !== null,
      })),
      situations_apres_formation: outcomes.map(plain),
      suivis: followUps.map(plain),
      journal: audits.map((event) => ({
        quand: event.createdAt.toISO(),
        qui: event.user?.fullName ?? (event.userId ? `compte n° ${event.userId}` : 'Cohorte'),
        action: event.action,
        objet: `${event.subjectType} n° ${event.subjectId}`,
        changements: event.changes,
        motif: event.reason,
      })),
    }

    await db.transaction((trx) =>
      recordAudit(trx, [
        {
          organizationId: trainee.organizationId,
          userId: user.id,
          action: 'trainee.exported',
          subjectType: 'trainees',
          subjectId: trainee.id,
          reason: 'Droit d’accès : export des données personnelles (RQTH comprise)',
          ip: ip ?? null,
        },
      ])
    )
    return file
  }
}
