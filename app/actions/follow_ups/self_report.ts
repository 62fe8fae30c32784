import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import FollowUp from '#models/follow_up'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import type { SelfReportPayload } from '#validators/follow_up'
import RecordFollowUpAnswer, {
  FollowUpAlreadyAnsweredError,
  OutcomeRefusedError,
  factsFrom,
} from '#actions/follow_ups/record_follow_up_answer'
import { hashFollowUpToken } from '#actions/follow_ups/follow_up_link'

/**
 * What a self-report link leads to: the form, or why it cannot be used.
 * `invalid` covers unknown, tampered and not-yet-sent links alike.
 */
export type SelfReportLink =
  | { kind: 'open'; followUp: FollowUp }
  | { kind: 'answered'; followUp: FollowUp }
  | { kind: 'expired' }
  | { kind: 'invalid' }

/**
 * Finds the follow-up a self-report link points to (by the hash of its
 * token) and says whether it may still be answered.
 */
export async function findSelfReportLink(token: string, client?: any): Promise<SelfReportLink> {
  if (!/^[\w-]{20,100}$/.test(token)) return { kind: 'invalid' }
  const query = FollowUp.query(client ? { client } : {})
    .where('token_hash', hashFollowUpToken(token))
    .preload('organization')
    .preload('enrollment', (enrollment) => enrollment.preload('trainee').preload('cohort'))
  const followUp = await query.first()
  if (!followUp) return { kind: 'invalid' }
  const { enrollment } = followUp
  if (!enrollment.exitOn || IN_TRAINING_STATUSES.includes(enrollment.status)) {
    return { kind: 'invalid' }
  }
  if (followUp.answeredAt) return { kind: 'answered', followUp }
  if (!followUp.tokenExpiresAt || followUp.tokenExpiresAt <= DateTime.now()) {
    return { kind: 'expired' }
  }
  return { kind: 'open', followUp }
}

/**
 * Records a former trainee's answer from the emailed link, without an
 * account: one observation (source `declared`) at the follow-up's
 * checkpoint, and the follow-up answered, in one transaction. Returns
 * why not when the link cannot be used (then nothing is written).
 */
export default class SubmitSelfReport {
  async handle({ token, payload }: { token: string; payload: SelfReportPayload }) {
    try {
      return await db.transaction(async (trx) => {
        const link = await findSelfReportLink(token, trx)
        if (link.kind !== 'open') return link
        await new RecordFollowUpAnswer().handle(trx, {
          followUp: link.followUp,
          enrollment: link.followUp.enrollment,
          facts: factsFrom(payload),
          source: 'declared',
          recordedBy: null,
        })
        return { kind: 'recorded' as const, followUp: link.followUp }
      })
    } catch (error) {
      if (error instanceof FollowUpAlreadyAnsweredError) return { kind: 'reused' as const }
      if (error instanceof OutcomeRefusedError) {
        return { kind: 'refused' as const, refusal: error.refusal }
      }
      throw error
    }
  }
}
