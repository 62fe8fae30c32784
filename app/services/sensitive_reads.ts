import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { recordAudit } from '#services/audit'

/**
 * Records that a staff member was shown health data (RQTH) about people:
 * one audit event per page view, in one INSERT, however many people the
 * page shows. One person: the event's subject is that person; several: the
 * subject is the first and `changes.trainee_ids` lists them all.
 */
export async function recordRqthRead(input: {
  user: User
  traineeIds: number[]
  /** Where it was read, e.g. 'candidature 12' or 'export des données'. */
  where: string
  ip?: string | null
}) {
  const ids = [...new Set(input.traineeIds)]
  if (!ids.length) return
  await db.transaction((trx) =>
    recordAudit(trx, [
      {
        organizationId: input.user.organizationId,
        userId: input.user.id,
        action: 'trainee.rqth_viewed',
        subjectType: 'trainees',
        subjectId: ids[0],
        changes: ids.length > 1 ? { trainee_ids: { from: null, to: ids } } : null,
        reason: input.where,
        ip: input.ip ?? null,
      },
    ])
  )
}
