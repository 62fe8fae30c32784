import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { AuditChanges } from '#models/audit_event'
import { jsonColumn } from '#models/json_column'
import { sqlDateTime } from '#services/sql_time'

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
 * and never updated, all in one INSERT however many there are (a roll call
 * correcting twenty lines stays one query).
 */
export async function recordAudit(trx: TransactionClientContract, entries: AuditEntry[]) {
  if (!entries.length) return
  const createdAt = sqlDateTime(DateTime.now())
  await trx.table('audit_events').multiInsert(
    entries.map((entry) => ({
      organization_id: entry.organizationId,
      user_id: entry.userId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      changes: jsonColumn.prepare(entry.changes ?? null),
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      created_at: createdAt,
    }))
  )
}
