import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AttendanceRecord from '#models/attendance_record'
import ClassSession from '#models/class_session'
import type User from '#models/user'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import { changedFields, recordAudit, type AuditEntry } from '#services/audit'
import { PARIS, nowInParis, sqlDateTime } from '#services/sql_time'
import { removeProof, storeProof, type Proof } from '#services/absence_proofs'
import { traineeEnrollments } from '#actions/absences/trainee_enrollments'
import { isEnrolledOn } from '#actions/absences/enrolled_on'
import { snapshot } from '#actions/absences/update_absence'

/**
 * The longest absence announced at once, in days.
 */
export const ANNOUNCEMENT_MAX_DAYS = 62

export type AbsenceAnnouncement =
  | { announced: true; sessions: ClassSession[] }
  | { announced: false; field: string | null; message: string }

/**
 * A trainee announces an absence in advance, from one day to another
 * (the whole day or one half-day): each of their sessions to come in
 * that range is marked absent with the reason, the optional proof and
 * the time of the announcement. Whether it is justified stays for the
 * coordinator to decide. Past days and sessions already begun are
 * refused. Records and audit events are written in one transaction; on
 * failure nothing is written and the stored proof is removed.
 */
export default class AnnounceAbsence {
  async handle(input: {
    user: User
    from: string
    to: string | null
    halfDay: 'all' | 'morning' | 'afternoon'
    reason: string
    comment: string | null
    proof: Proof | null
    ip: string | null
    now?: DateTime
  }): Promise<AbsenceAnnouncement> {
    const now = input.now ?? nowInParis()
    const first = DateTime.fromISO(input.from, { zone: PARIS }).startOf('day')
    const last = input.to ? DateTime.fromISO(input.to, { zone: PARIS }).startOf('day') : first
    const refusal = checkRange(first, last, now)
    if (refusal) return refusal

    const own = await traineeEnrollments(input.user)
    const enrollments = own.filter((enrollment) => IN_TRAINING_STATUSES.includes(enrollment.status))
    if (!enrollments.length) {
      return {
        announced: false,
        field: null,
        message: 'Vous n’êtes inscrit·e dans aucune formation en cours.',
      }
    }
    const inRange = await ClassSession.query()
      .where('organization_id', input.user.organizationId ?? 0)
      .whereIn(
        'cohort_id',
        enrollments.map((enrollment) => enrollment.cohortId)
      )
      .where('is_cancelled', false)
      .where('starts_at', '>', sqlDateTime(now))
      .where('starts_at', '>=', sqlDateTime(first))
      .where('starts_at', '<', sqlDateTime(last.plus({ days: 1 })))
      .orderBy('starts_at', 'asc')
    const sessions = inRange.filter(
      (session) => input.halfDay === 'all' || session.halfDay === input.halfDay
    )
    const targets = sessions.flatMap((session) =>
      enrollments
        .filter(
          (enrollment) =>
            enrollment.cohortId === session.cohortId && isEnrolledOn(enrollment, session.startsAt)
        )
        .map((enrollment) => ({ session, enrollment }))
    )
    if (!targets.length) {
      return {
        announced: false,
        field: 'from',
        message:
          'Vous n’avez aucune séance à venir à ces dates : vérifiez les jours et le moment de la journée.',
      }
    }

    const proofPath = input.proof ? await storeProof(input.user.organizationId!, input.proof) : null
    try {
      await db.transaction(async (trx) => {
        const existing = await AttendanceRecord.query({ client: trx })
          .whereIn(
            'class_session_id',
            targets.map((target) => target.session.id)
          )
          .whereIn(
            'enrollment_id',
            enrollments.map((enrollment) => enrollment.id)
          )
        const audits: AuditEntry[] = []
        for (const { session, enrollment } of targets) {
          const record =
            existing.find(
              (candidate) =>
                candidate.classSessionId === session.id && candidate.enrollmentId === enrollment.id
            ) ?? new AttendanceRecord()
          const before = record.$isPersisted ? snapshot(record) : {}
          record.useTransaction(trx)
          record.merge({
            organizationId: session.organizationId,
            classSessionId: session.id,
            enrollmentId: enrollment.id,
            status: 'absent',
            minutesMissed: 0,
            absenceReason: input.reason,
            absenceJustified: null,
            proofPath: proofPath ?? record.proofPath ?? null,
            announcedAt: DateTime.now(),
            recordedById: input.user.id,
          })
          await record.save()
          audits.push({
            organizationId: record.organizationId,
            userId: input.user.id,
            action: 'attendance.announced',
            subjectType: 'attendance_records',
            subjectId: record.id,
            changes: changedFields(before, snapshot(record)),
            reason: input.comment,
            ip: input.ip,
          })
        }
        await recordAudit(trx, audits)
      })
    } catch (error) {
      await removeProof(proofPath)
      throw error
    }
    return { announced: true, sessions: targets.map((target) => target.session) }
  }
}

function checkRange(first: DateTime, last: DateTime, now: DateTime): AbsenceAnnouncement | null {
  if (first < now.setZone(PARIS).startOf('day')) {
    return {
      announced: false,
      field: 'from',
      message:
        'Ce jour est passé : une absence s’annonce à l’avance. Pour une absence passée, envoyez votre justificatif plus bas sur cette page.',
    }
  }
  if (last < first) {
    return {
      announced: false,
      field: 'to',
      message: 'Le dernier jour doit être le même que le premier jour, ou après.',
    }
  }
  if (last.diff(first, 'days').days >= ANNOUNCEMENT_MAX_DAYS) {
    return {
      announced: false,
      field: 'to',
      message: `Une annonce couvre au plus ${ANNOUNCEMENT_MAX_DAYS} jours : faites-en plusieurs pour une absence plus longue.`,
    }
  }
  return null
}
