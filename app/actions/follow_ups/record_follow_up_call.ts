import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import FollowUp from '#models/follow_up'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import type { FollowUpCheckpoint } from '#enums/checkpoint'
import type { FollowUpCallPayload } from '#validators/follow_up'
import RecordFollowUpAnswer, {
  FollowUpAlreadyAnsweredError,
  OutcomeRefusedError,
  factsFrom,
} from '#actions/follow_ups/record_follow_up_answer'
import { sqlDateTime } from '#services/sql_time'
import type { OutcomeRefusal } from '#actions/outcomes/record_outcome'

export type FollowUpCallResult =
  | { kind: 'recorded' | 'unreachable' | 'missing' | 'answered' }
  | { kind: 'refused'; refusal: OutcomeRefusal }

/**
 * A coordinator's call for a follow-up. Reached: the situation heard is
 * recorded (source `phone`) and the follow-up answered. Unreachable: the
 * attempt (when, who, note) is kept and the follow-up stays on the call
 * list. One transaction; an answered follow-up is left untouched.
 */
export default class RecordFollowUpCall {
  async handle({
    enrollment,
    checkpoint,
    user,
    payload,
  }: {
    enrollment: Enrollment
    checkpoint: FollowUpCheckpoint
    user: User
    payload: FollowUpCallPayload
  }): Promise<FollowUpCallResult> {
    try {
      return await db.transaction(async (trx) => {
        const followUp = await FollowUp.query({ client: trx })
          .where('organization_id', enrollment.organizationId)
          .where('enrollment_id', enrollment.id)
          .where('checkpoint', checkpoint)
          .first()
        if (!followUp || !enrollment.exitOn) return { kind: 'missing' }
        if (followUp.answeredAt) return { kind: 'answered' }
        const note = payload.call_note || null

        if (payload.result === 'unreachable') {
          const now = DateTime.now()
          await trx
            .from('follow_ups')
            .where('id', followUp.id)
            .whereNull('answered_at')
            .update({
              called_at: sqlDateTime(now),
              called_by_id: user.id,
              call_note: note ?? 'Injoignable',
              updated_at: sqlDateTime(now),
            })
          return { kind: 'unreachable' }
        }

        await new RecordFollowUpAnswer().handle(trx, {
          followUp,
          enrollment,
          facts: factsFrom({ ...payload, situation: payload.situation! }),
          source: 'phone',
          recordedBy: user,
          call: { note },
        })
        return { kind: 'recorded' }
      })
    } catch (error) {
      if (error instanceof FollowUpAlreadyAnsweredError) return { kind: 'answered' }
      if (error instanceof OutcomeRefusedError) return { kind: 'refused', refusal: error.refusal }
      throw error
    }
  }
}
