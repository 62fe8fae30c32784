import factory from '@adonisjs/lucid/factories'
import AuditEvent from '#models/audit_event'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { organizationIdFor } from '#database/factories/helpers'

let n = 0

/**
 * An attendance corrected from absent to present.
 */
export const AuditEventFactory = factory
  .define(AuditEvent, () => {
    n++
    return {
      userId: null,
      action: 'attendance.updated',
      subjectType: 'attendance_records',
      subjectId: n,
      changes: { status: { from: 'absent', to: 'present' } },
      ip: '192.0.2.10',
    }
  })
  .relation('user', () => UserFactory)
  .before('create', async (builder, event, ctx) => {
    event.organizationId ??= await organizationIdFor(builder, ctx, [[User, event.userId]])
  })
  .build()
