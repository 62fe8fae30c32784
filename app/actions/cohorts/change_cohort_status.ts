import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Cohort from '#models/cohort'
import type { CohortStatus } from '#enums/cohort_status'
import { COHORT_TRANSITIONS } from '#actions/cohorts/cohort_transitions'
import { COHORT_STATUS_LABELS as LABELS } from '#actions/cohorts/cohort_labels'

export type StatusChange = { changed: true; cohort: Cohort } | { changed: false; reason: string }

/**
 * Moves a cohort to another status when the transition is allowed (see
 * COHORT_TRANSITIONS), or says in French why it is refused.
 */
export default class ChangeCohortStatus {
  async handle({
    cohort,
    status,
  }: {
    cohort: Cohort
    status: CohortStatus
  }): Promise<StatusChange> {
    return db.transaction(async (trx) => {
      const current = await Cohort.query({ client: trx }).where('id', cohort.id).firstOrFail()
      const reason = await this.refusal(current, status, trx)
      if (reason) return { changed: false, reason }

      current.status = status
      await current.save()
      return { changed: true, cohort: current }
    })
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
