import db from '@adonisjs/lucid/services/db'
import Application from '#models/application'
import type User from '#models/user'
import {
  DUPLICATE_DISMISSED,
  staleRefusal,
  type DuplicateDecision,
} from '#actions/applications/confirm_duplicate'
import { recordAudit } from '#services/audit'

/**
 * "Ce n'est pas la même personne": the coordinator says the person already
 * known is someone else. In one transaction the application's flag is
 * cleared (it keeps its own trainee) and an audit event records who
 * decided and when. Refused, writing nothing, when the page was stale.
 */
export default class DismissDuplicate {
  async handle({
    application,
    knownTraineeId,
    user,
    ip,
  }: {
    application: Application
    knownTraineeId: number
    user: User
    ip?: string | null
  }): Promise<Extract<DuplicateDecision, { done: false }> | { done: true }> {
    return db.transaction(async (trx) => {
      const current = await Application.query({ client: trx })
        .where('id', application.id)
        .forUpdate()
        .firstOrFail()
      const refusal = staleRefusal(current, knownTraineeId)
      if (refusal) return { done: false, reason: refusal }

      current.duplicateOfTraineeId = null
      await current.save()
      await recordAudit(trx, [
        {
          organizationId: current.organizationId,
          userId: user.id,
          action: DUPLICATE_DISMISSED,
          subjectType: 'applications',
          subjectId: current.id,
          changes: { duplicate_of_trainee_id: { from: knownTraineeId, to: null } },
          ip: ip ?? null,
        },
      ])
      return { done: true }
    })
  }
}
