import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ExitReason } from '#enums/exit_reason'
import type { CertificationResult } from '#enums/certification_result'
import type { OutcomeSource } from '#enums/outcome_source'
import { FOLLOW_UP_CHECKPOINTS, FOLLOW_UP_MONTHS } from '#enums/checkpoint'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import type Outcome from '#models/outcome'
import FollowUp from '#models/follow_up'
import RecordOutcome, {
  checkOutcomeFacts,
  type OutcomeFacts,
} from '#actions/outcomes/record_outcome'
import { nowInParis } from '#services/sql_time'
import { changedFields, recordAudit } from '#services/audit'

export type CloseEnrollmentInput = {
  enrollment: Enrollment
  exitOn: DateTime
  reason: ExitReason
  certificationResult: CertificationResult | null
  /**
   * The situation at exit, recorded as the exit-checkpoint observation;
   * null when nobody has observed it yet (a whole cohort closed at its
   * end): no observation is written, the coordinator adds it later.
   */
  situation: OutcomeFacts | null
  source: OutcomeSource
  recordedBy: User | null
  ip?: string | null
  /**
   * The caller's transaction (closing a whole cohort): everything is
   * written in it, or nothing.
   */
  client?: TransactionClientContract
}

export type CloseEnrollmentResult =
  | { closed: true; outcome: Outcome | null; followUps: FollowUp[] }
  | { closed: false; field: string | null; message: string }

/**
 * Closes an enrollment ("sortie"): exit date, reason, certification
 * result, status (completed for a finished course, dropped_out for any
 * other reason), the exit observation and the +3/+6/+12-month follow-ups,
 * all in one transaction. Refused for an exit before the enrollment began
 * or after today (an exit is a fact, not a plan), and for an enrollment
 * already closed (corrections go through a new observation).
 */
export default class CloseEnrollment {
  async handle(input: CloseEnrollmentInput): Promise<CloseEnrollmentResult> {
    const { enrollment, exitOn } = input
    const refuse = (field: string | null, message: string) => ({
      closed: false as const,
      field,
      message,
    })
    if (enrollment.exitOn) {
      return refuse(
        null,
        `La sortie est déjà enregistrée (le ${enrollment.exitOn.setLocale('fr').toFormat('d LLLL yyyy')}). ` +
          'Pour corriger la situation, ajoutez une observation « À la sortie » sur le parcours.'
      )
    }
    if (exitOn < enrollment.startsOn) {
      return refuse(
        'exit_on',
        `La date de sortie ne peut pas précéder l’entrée en formation (le ${enrollment.startsOn.setLocale('fr').toFormat('d LLLL yyyy')}).`
      )
    }
    if (exitOn.toISODate()! > nowInParis().toISODate()!) {
      return refuse('exit_on', 'La date de sortie ne peut pas être dans le futur.')
    }
    // Checked before anything is written, so a bad situation leaves no trace.
    const checked = input.situation ? await checkOutcomeFacts(enrollment, input.situation) : null
    if (checked && !checked.ok) return refuse(checked.refusal.field, checked.refusal.message)

    const inTransaction = <T>(work: (trx: TransactionClientContract) => Promise<T>) =>
      input.client ? work(input.client) : db.transaction(work)

    return inTransaction(async (trx) => {
      const before = {
        status: enrollment.status,
        exitOn: null,
        exitReason: enrollment.exitReason,
        certificationResult: enrollment.certificationResult,
      }
      enrollment.useTransaction(trx)
      enrollment.merge({
        status: input.reason === 'completed' ? 'completed' : 'dropped_out',
        exitOn,
        exitReason: input.reason,
        certificationResult: input.certificationResult,
      })
      await enrollment.save()

      let outcome: Outcome | null = null
      if (checked) {
        const recorded = await new RecordOutcome().handle({
          enrollment,
          checkpoint: 'exit',
          facts: { ...checked.facts, observedOn: exitOn },
          source: input.source,
          recordedBy: input.recordedBy,
          client: trx,
        })
        // Facts were checked above; a refusal here would be a bug, and the
        // throw rolls everything back.
        if (!recorded.recorded) throw new Error(recorded.message)
        outcome = recorded.outcome
      }

      const existing = await FollowUp.query({ client: trx }).where('enrollment_id', enrollment.id)
      const taken = new Set(existing.map((followUp) => followUp.checkpoint))
      const followUps: FollowUp[] = [...existing]
      for (const checkpoint of FOLLOW_UP_CHECKPOINTS) {
        if (taken.has(checkpoint)) continue
        followUps.push(
          await FollowUp.create(
            {
              organizationId: enrollment.organizationId,
              enrollmentId: enrollment.id,
              checkpoint,
              dueOn: exitOn.plus({ months: FOLLOW_UP_MONTHS[checkpoint] }),
              status: 'due',
            },
            { client: trx }
          )
        )
      }

      await recordAudit(trx, [
        {
          organizationId: enrollment.organizationId,
          userId: input.recordedBy?.id ?? null,
          action: 'enrollment.closed',
          subjectType: 'enrollments',
          subjectId: enrollment.id,
          changes: changedFields(before, {
            status: enrollment.status,
            exitOn: exitOn.toISODate(),
            exitReason: input.reason,
            certificationResult: input.certificationResult,
          }),
          reason: null,
          ip: input.ip ?? null,
        },
      ])
      return { closed: true as const, outcome, followUps }
    })
  }
}
