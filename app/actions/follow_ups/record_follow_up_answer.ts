import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type FollowUp from '#models/follow_up'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { OutcomeSource } from '#enums/outcome_source'
import type { ContractType } from '#enums/contract_type'
import type { SelfReportPayload } from '#validators/follow_up'
import RecordOutcome, { type OutcomeRefusal } from '#actions/outcomes/record_outcome'
import { sqlDateTime } from '#services/sql_time'
import { changedRows } from '#actions/follow_ups/follow_up_link'

/**
 * Raised when the follow-up was answered meanwhile (a reused link, a
 * second tab): the transaction is rolled back, nothing is written.
 */
export class FollowUpAlreadyAnsweredError extends Error {}

/**
 * Raised when RecordOutcome refuses the facts: the transaction is rolled
 * back, the refusal goes back to the form.
 */
export class OutcomeRefusedError extends Error {
  constructor(readonly refusal: OutcomeRefusal) {
    super(refusal.message)
  }
}

export type AnswerFacts = {
  situation: OutcomeSituation
  contractType: ContractType | null
  contractMonths: number | null
  employerName: string | null
  jobTitle: string | null
}

/**
 * The answer as stored: "autre" becomes `inactive`, contract details are
 * dropped unless employed.
 */
export function factsFrom(
  payload: Omit<SelfReportPayload, 'situation'> & { situation: string }
): AnswerFacts {
  const employed = payload.situation === 'employed'
  const situation = (
    payload.situation === 'other' ? 'inactive' : payload.situation
  ) as OutcomeSituation
  return {
    situation,
    contractType: employed ? (payload.contract_type ?? null) : null,
    contractMonths: employed ? (payload.contract_months ?? null) : null,
    employerName: employed ? payload.employer_name || null : null,
    jobTitle: employed ? payload.job_title || null : null,
  }
}

/**
 * Answers a follow-up inside the caller's transaction: first claims it
 * with a conditional UPDATE (only if not answered yet), then records the
 * observation at its checkpoint through RecordOutcome. Throws
 * FollowUpAlreadyAnsweredError or OutcomeRefusedError, so the caller's
 * transaction rolls back and nothing partial is left.
 */
export default class RecordFollowUpAnswer {
  async handle(
    trx: TransactionClientContract,
    {
      followUp,
      enrollment,
      facts,
      source,
      recordedBy,
      call,
    }: {
      followUp: FollowUp
      enrollment: Enrollment
      facts: AnswerFacts
      source: OutcomeSource
      recordedBy: User | null
      call?: { note: string | null }
    }
  ) {
    const now = DateTime.now()
    const changes: Record<string, unknown> = {
      status: 'answered',
      answered_at: sqlDateTime(now),
      updated_at: sqlDateTime(now),
    }
    if (call) {
      changes.called_at = sqlDateTime(now)
      changes.called_by_id = recordedBy?.id ?? null
      changes.call_note = call.note
    }
    const claimed = changedRows(
      await trx.from('follow_ups').where('id', followUp.id).whereNull('answered_at').update(changes)
    )
    if (claimed !== 1) throw new FollowUpAlreadyAnsweredError()

    const result = await new RecordOutcome().handle({
      enrollment,
      checkpoint: followUp.checkpoint,
      facts,
      source,
      recordedBy,
      client: trx,
    })
    if (!result.recorded) throw new OutcomeRefusedError(result)
    return result.outcome
  }
}
