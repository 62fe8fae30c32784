import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Cohort from '#models/cohort'
import type { CohortStatus } from '#enums/cohort_status'
import { COHORT_TRANSITIONS } from '#actions/cohorts/cohort_transitions'
import { COHORT_STATUS_LABELS as LABELS } from '#actions/cohorts/cohort_labels'
import CloseEnrollment from '#actions/outcomes/close_enrollment'
import Enrollment from '#models/enrollment'
import type User from '#models/user'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import { PARIS, nowInParis, sqlDate } from '#services/sql_time'

/**
 * One enrollment of a cohort being closed could not be: the whole change
 * rolls back, and its message is shown.
 */
class EnrollmentNotClosed extends Error {}

export type StatusChange =
  { changed: true; cohort: Cohort; closed: number } | { changed: false; reason: string }

/**
 * Moves a cohort to another status when the transition is allowed (see
 * COHORT_TRANSITIONS), or says in French why it is refused.
 *
 * Closing a running cohort (→ completed) also closes every enrollment
 * still in training, in the same transaction: exit on the cohort's last
 * day (today if it ends later), reason "completed", and the +3/+6/+12
 * follow-ups scheduled. The situation at exit is left for the coordinator
 * to record: nobody has observed it yet. One enrollment refused (e.g. it
 * starts after the exit day) refuses the whole change.
 */
export default class ChangeCohortStatus {
  async handle({
    cohort,
    status,
    user = null,
  }: {
    cohort: Cohort
    status: CohortStatus
    user?: User | null
  }): Promise<StatusChange> {
    try {
      return await db.transaction(async (trx) => {
        const current = await Cohort.query({ client: trx })
          .where('id', cohort.id)
          .forUpdate()
          .firstOrFail()
        const reason = await this.refusal(current, status, trx)
        if (reason) return { changed: false, reason }

        current.status = status
        await current.save()
        const closed = status === 'completed' ? await this.closeEnrollments(current, user, trx) : 0
        return { changed: true, cohort: current, closed }
      })
    } catch (error) {
      if (error instanceof EnrollmentNotClosed) return { changed: false, reason: error.message }
      throw error
    }
  }

  private async closeEnrollments(
    cohort: Cohort,
    user: User | null,
    trx: TransactionClientContract
  ) {
    const today = nowInParis().startOf('day')
    const lastDay = DateTime.fromISO(sqlDate(cohort.endsOn), { zone: PARIS })
    const exitOn = lastDay < today ? lastDay : today
    const enrollments = await Enrollment.query({ client: trx })
      .where('cohort_id', cohort.id)
      .whereIn('status', IN_TRAINING_STATUSES)
      .whereNull('exit_on')
      .preload('trainee')
      .orderBy('id')
    for (const enrollment of enrollments) {
      const result = await new CloseEnrollment().handle({
        enrollment,
        exitOn,
        reason: 'completed',
        certificationResult: null,
        situation: null,
        source: 'document',
        recordedBy: user,
        client: trx,
      })
      if (!result.closed) {
        throw new EnrollmentNotClosed(
          `La promotion n’a pas été clôturée : la sortie de ${enrollment.trainee.fullName} est refusée (${result.message})`
        )
      }
    }
    return enrollments.length
  }

  private async refusal(cohort: Cohort, to: CohortStatus, trx: TransactionClientContract) {
    const from = cohort.status
    if (from === to) return `La promotion est déjà « ${LABELS[from]} ».`
    const allowed = COHORT_TRANSITIONS[from]
    if (!allowed.length) {
      return `La promotion est « ${LABELS[from]} » : son statut ne peut plus changer.`
    }
    if (!allowed.includes(to)) {
      const choices = allowed.map((status) => `« ${LABELS[status]} »`).join(', ')
      return `Une promotion « ${LABELS[from]} » ne peut pas passer à « ${LABELS[to]} ». Statuts possibles : ${choices}.`
    }
    if (from === 'running' && to === 'cancelled' && (await hasAttendance(cohort, trx))) {
      return 'La promotion ne peut plus être annulée : des présences ont déjà été enregistrées. Clôturez-la à la fin de la formation.'
    }
    return null
  }
}

async function hasAttendance(cohort: Cohort, trx: TransactionClientContract) {
  const record = await trx
    .from('attendance_records')
    .join('class_sessions', 'class_sessions.id', 'attendance_records.class_session_id')
    .where('class_sessions.cohort_id', cohort.id)
    .select('attendance_records.id')
    .first()
  return !!record
}
