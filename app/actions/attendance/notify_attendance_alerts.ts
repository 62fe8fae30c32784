import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import Cohort from '#models/cohort'
import User from '#models/user'
import AttendanceAlert from '#models/attendance_alert'
import AttendanceAlertNotification from '#mails/attendance_alert_notification'
import { alertWords, ALERT_KIND_LABELS } from '#actions/attendance/attendance_wording'
import { appUrl } from '#config/app'
import { sqlDateTime } from '#services/sql_time'

/**
 * Literal paths (routes `coordinator.cohorts.attendance.show` and
 * `coordinator.dashboard`): the worker runs without the HTTP server, so
 * its router cannot build URLs.
 */
const cohortAttendancePath = (cohortId: number) => `/coordination/promotions/${cohortId}/presences`
const DASHBOARD_PATH = '/coordination'

/**
 * Mails the cohort's coordinator (or, when the cohort has none, every
 * active coordinator of its organisation) ONE summary of the cohort's
 * alerts not mailed yet, then marks them notified. Each alert is claimed
 * by a conditional update first (`notified_at` still null), so two runs at
 * the same time never mail the same alert twice; a failure to queue the
 * mail releases the claim for the next run.
 */
export default class NotifyAttendanceAlerts {
  async handle({ cohortId, now = DateTime.now() }: { cohortId: number; now?: DateTime }) {
    const cohort = await Cohort.find(cohortId)
    if (!cohort) return { notified: 0, recipients: 0 }

    const pending = await AttendanceAlert.query()
      .where('cohort_id', cohort.id)
      .where('unresolved', 1)
      .whereNull('acknowledged_at')
      .whereNull('notified_at')
      .preload('enrollment', (enrollment) => enrollment.preload('trainee'))
      .orderBy('id')
    if (!pending.length) return { notified: 0, recipients: 0 }

    const recipients = await this.recipients(cohort)
    if (!recipients.length) {
      logger.warn({ cohortId }, 'attendance alerts: no coordinator to notify')
      return { notified: 0, recipients: 0 }
    }

    const stamp = sqlDateTime(now)
    const claimed: AttendanceAlert[] = []
    for (const alert of pending) {
      const affected = await AttendanceAlert.query()
        .where('id', alert.id)
        .whereNull('notified_at')
        .update({ notified_at: stamp })
      if (Number(Array.isArray(affected) ? affected[0] : affected) > 0) claimed.push(alert)
    }
    if (!claimed.length) return { notified: 0, recipients: 0 }

    const lines = claimed.map((alert) => ({
      trainee: alert.enrollment.trainee.fullName,
      what: ALERT_KIND_LABELS[alert.kind],
      details: alertWords(alert.kind, alert.details),
    }))
    try {
      for (const user of recipients) {
        await mail.sendLater(
          new AttendanceAlertNotification({
            email: user.email,
            name: user.fullName,
            cohortName: cohort.name,
            alerts: lines,
            cohortUrl: appUrl + cohortAttendancePath(cohort.id),
            dashboardUrl: appUrl + DASHBOARD_PATH,
          })
        )
      }
    } catch (error) {
      await AttendanceAlert.query()
        .whereIn(
          'id',
          claimed.map((alert) => alert.id)
        )
        .update({ notified_at: null })
      throw error
    }
    return { notified: claimed.length, recipients: recipients.length }
  }

  /**
   * The cohort's coordinator when active, otherwise the organisation's
   * active coordinators.
   */
  async recipients(cohort: Cohort) {
    if (cohort.coordinatorId) {
      const coordinator = await User.query()
        .where('id', cohort.coordinatorId)
        .where('organization_id', cohort.organizationId)
        .where('is_active', true)
        .first()
      if (coordinator) return [coordinator]
    }
    return User.query()
      .where('organization_id', cohort.organizationId)
      .where('role', 'coordinator')
      .where('is_active', true)
      .orderBy('id')
  }
}
