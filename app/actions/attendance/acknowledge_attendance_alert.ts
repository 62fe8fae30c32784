import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Enrollment from '#models/enrollment'
import type User from '#models/user'
import AttendanceAlert from '#models/attendance_alert'
import type { AttendanceAlertKind } from '#enums/attendance_alert_kind'
import { sqlDateTime } from '#services/sql_time'

/**
 * A coordinator marks an enrollment's open alert of a kind as seen and
 * handled ("Alerte vue / traitée"): who, when and, optionally, what was
 * done. It leaves the dashboard; it stays unresolved while the situation
 * lasts, so the next check does not raise it again. There is at most one
 * such alert (the unique key of migration 0012).
 */
export default class AcknowledgeAttendanceAlert {
  async handle({
    enrollment,
    kind,
    user,
    note,
    now = DateTime.now(),
  }: {
    enrollment: Enrollment
    kind: AttendanceAlertKind
    user: User
    note?: string | null
    now?: DateTime
  }) {
    return db.transaction(async (trx) => {
      const alert = await AttendanceAlert.query({ client: trx })
        .where('organization_id', enrollment.organizationId)
        .where('enrollment_id', enrollment.id)
        .where('kind', kind)
        .where('unresolved', 1)
        .whereNull('acknowledged_at')
        .first()
      if (!alert) return null

      // Conditional, so two coordinators clicking at once record one of them.
      const affected = await AttendanceAlert.query({ client: trx })
        .where('id', alert.id)
        .whereNull('acknowledged_at')
        .update({
          acknowledged_at: sqlDateTime(now),
          acknowledged_by_id: user.id,
          acknowledgement_note: note?.trim() || null,
          updated_at: sqlDateTime(now),
        })
      if (Number(Array.isArray(affected) ? affected[0] : affected) === 0) return null
      await alert.refresh()
      return alert
    })
  }
}
