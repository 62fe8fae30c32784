import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditEvent, { type AuditChanges } from '#models/audit_event'

export type AuditEntry = {
  organizationId: number | null
  userId: number | null
  /** e.g. 'attendance.updated' */
  action: string
  /** The subject's table, e.g. 'attendance_records'. */
  subjectType: string
  subjectId: number
  changes?: AuditChanges | null
  reason?: string | null
  ip?: string | null
}

/**
 * The fields whose value differs between `before` and `after`, each with
 * both values; null when nothing changed (then nothing is worth auditing).
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>
): AuditChanges | null {
  const changes: AuditChanges = {}
  for (const key of Object.keys(after)) {
    const from = before[key] ?? null
    const to = after[key] ?? null
    if (from !== to) changes[key] = { from, to }
  }
  return Object.keys(changes).length ? changes : null
}

/**
 * Writes audit events in the caller's transaction: the trail and the change
 * it describes are saved together or not at all. Events are written once
 * and never updated.
 */
export async function recordAudit(trx: TransactionClientContract, entries: AuditEntry[]) {
  if (!entries.length) return
  await AuditEvent.createMany(
    entries.map((entry) => ({
      organizationId: entry.organizationId,
      userId: entry.userId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      changes: entry.changes ?? null,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
    })),
    { client: trx }
  )
}
