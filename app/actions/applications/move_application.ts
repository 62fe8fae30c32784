import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import type User from '#models/user'
import type { ApplicationStatus } from '#enums/application_status'
import { APPLICATION_TRANSITIONS } from '#actions/applications/pipeline_transitions'
import { APPLICATION_STATUS_LABELS as LABELS } from '#actions/applications/pipeline_labels'
import SendDecisionEmail, { isEmailedDecision } from '#actions/applications/send_decision_email'

export type ApplicationMove =
  { moved: true; application: Application } | { moved: false; reason: string }

/**
 * Moves an application along the pipeline when the move makes sense (see
 * APPLICATION_TRANSITIONS): its status and last contact change and the
 * step is recorded (from, to, who, note) in one transaction. Otherwise
 * says in French why, and writes nothing.
 *
 * A caller with its own transaction passes it as `client`: the move is
 * then part of it. Either way, a move to the waiting list or a refusal
 * emails the applicant once the transaction is committed (never when it is
 * rolled back).
 */
export default class MoveApplication {
  async handle({
    application,
    to,
    note,
    user,
    client,
  }: {
    application: Application
    to: ApplicationStatus
    note?: string | null
    user: User
    client?: TransactionClientContract
  }): Promise<ApplicationMove> {
    const move = async (trx: TransactionClientContract): Promise<ApplicationMove> => {
      const current = await Application.query({ client: trx })
        .where('id', application.id)
        .firstOrFail()
      const from = current.status
      const reason = refusal(from, to)
      if (reason) return { moved: false, reason }

      current.status = to
      current.lastContactAt = DateTime.now()
      await current.save()
      await ApplicationStatusChange.create(
        {
          organizationId: current.organizationId,
          applicationId: current.id,
          fromStatus: from,
          toStatus: to,
          changedById: user.id,
          note: note || null,
        },
        { client: trx }
      )
      if (isEmailedDecision(to)) {
        trx.after('commit', () => emailDecision(current.id, to, user))
      }
      return { moved: true, application: current }
    }
    return client ? move(client) : db.transaction(move)
  }
}

/**
 * The email is a courtesy: a failure to queue it is logged, the move
 * stands.
 */
async function emailDecision(applicationId: number, decision: 'waitlisted' | 'rejected', by: User) {
  try {
    await new SendDecisionEmail().handle({ applicationId, decision, sender: by })
  } catch (error) {
    logger.error({ err: error, applicationId, decision }, 'decision email not sent')
  }
}

function refusal(from: ApplicationStatus, to: ApplicationStatus) {
  if (from === to) return `La candidature est déjà « ${LABELS[from]} ».`
  const allowed = APPLICATION_TRANSITIONS[from]
  if (!allowed.length) {
    return `La candidature est « ${LABELS[from]} » : son statut ne peut plus changer ici.`
  }
  if (!allowed.includes(to)) {
    const choices = allowed.map((status) => `« ${LABELS[status]} »`).join(', ')
    return `Une candidature « ${LABELS[from]} » ne peut pas passer à « ${LABELS[to]} ». Statuts possibles : ${choices}.`
  }
  return null
}
