import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import FollowUp from '#models/follow_up'
import FollowUpSurveyNotification from '#mails/follow_up_survey_notification'
import { FOLLOW_UP_MONTHS } from '#enums/checkpoint'
import { IN_TRAINING_STATUSES } from '#enums/enrollment_status'
import { PARIS, sqlDate, sqlDateTime } from '#services/sql_time'
import {
  FOLLOW_UP_LINK_DAYS,
  FOLLOW_UP_REMINDER_DAYS,
  followUpToken,
  hashFollowUpToken,
  newTokenSecret,
  selfReportUrl,
  changedRows,
} from '#actions/follow_ups/follow_up_link'

export type SendDueFollowUpsResult = { sent: number; reminded: number; toCall: number }

/**
 * Sends the follow-ups that are due, across organisations: the survey
 * email when the checkpoint is reached, one reminder 7 days later, then
 * (7 more days without an answer) puts the follow-up on the coordinators'
 * call list.
 *
 * Each email is preceded by a conditional UPDATE that claims it
 * (`... where sent_at is null`): only the run whose update changed the row
 * sends, so two runs at once, a retried job or a restarted worker never
 * send twice. Enrollments still in training are never touched.
 */
export default class SendDueFollowUps {
  async handle({ now = DateTime.now() }: { now?: DateTime } = {}): Promise<SendDueFollowUpsResult> {
    const result = { sent: 0, reminded: 0, toCall: 0 }
    const today = now.setZone(PARIS).startOf('day')

    const due = await this.#query()
      .where('follow_ups.status', 'due')
      .whereNull('follow_ups.sent_at')
      .where('follow_ups.due_on', '<=', sqlDate(today))
    for (const followUp of due) {
      if (await this.#send(followUp, now)) result.sent++
    }

    const reminders = await this.#query()
      .where('follow_ups.status', 'sent')
      .whereNull('follow_ups.reminded_at')
      .where('follow_ups.sent_at', '<=', sqlDateTime(now.minus({ days: FOLLOW_UP_REMINDER_DAYS })))
    for (const followUp of reminders) {
      if (await this.#remind(followUp, now)) result.reminded++
    }

    result.toCall = changedRows(
      await this.#exitedOnly(db.from('follow_ups'))
        .where('follow_ups.status', 'sent')
        .whereNull('follow_ups.answered_at')
        .where(
          'follow_ups.reminded_at',
          '<=',
          sqlDateTime(now.minus({ days: FOLLOW_UP_REMINDER_DAYS }))
        )
        .update({ status: 'to_call', updated_at: sqlDateTime(now) })
    )
    return result
  }

  /**
   * Follow-ups not answered, of enrollments that have ended, with what
   * the email needs.
   */
  #query() {
    return this.#exitedOnly(FollowUp.query())
      .whereNull('follow_ups.answered_at')
      .preload('organization')
      .preload('enrollment', (enrollment) =>
        enrollment.preload('cohort').preload('trainee', (trainee) => trainee.preload('user'))
      )
      .orderBy('follow_ups.id')
  }

  #exitedOnly<Query extends { whereIn: any }>(query: Query): Query {
    return query.whereIn(
      'follow_ups.enrollment_id',
      db
        .from('enrollments')
        .whereNotNull('exit_on')
        .whereNotIn('status', IN_TRAINING_STATUSES)
        .select('id')
    )
  }

  async #send(followUp: FollowUp, now: DateTime) {
    const email = this.#emailOf(followUp)
    if (!email) {
      // Nobody to write to: straight to the call list.
      await db
        .from('follow_ups')
        .where('id', followUp.id)
        .where('status', 'due')
        .whereNull('sent_at')
        .update({ status: 'to_call', updated_at: sqlDateTime(now) })
      return false
    }

    const secret = newTokenSecret()
    const token = followUpToken(followUp.id, secret)
    const claimed = changedRows(
      await db
        .from('follow_ups')
        .where('id', followUp.id)
        .where('status', 'due')
        .whereNull('sent_at')
        .update({
          status: 'sent',
          sent_at: sqlDateTime(now),
          token_secret: secret,
          token_hash: hashFollowUpToken(token),
          token_expires_at: sqlDateTime(now.plus({ days: FOLLOW_UP_LINK_DAYS })),
          updated_at: sqlDateTime(now),
        })
    )
    if (claimed !== 1) return false

    await mail.sendLater(this.#mail(followUp, email, token, false))
    return true
  }

  async #remind(followUp: FollowUp, now: DateTime) {
    const email = this.#emailOf(followUp)
    if (!email || !followUp.tokenSecret) return false
    const claimed = changedRows(
      await db
        .from('follow_ups')
        .where('id', followUp.id)
        .where('status', 'sent')
        .whereNull('reminded_at')
        .whereNull('answered_at')
        .update({
          reminded_at: sqlDateTime(now),
          token_expires_at: sqlDateTime(now.plus({ days: FOLLOW_UP_LINK_DAYS })),
          updated_at: sqlDateTime(now),
        })
    )
    if (claimed !== 1) return false

    const token = followUpToken(followUp.id, followUp.tokenSecret)
    await mail.sendLater(this.#mail(followUp, email, token, true))
    return true
  }

  #emailOf(followUp: FollowUp) {
    const trainee = followUp.enrollment.trainee
    return trainee.email ?? trainee.user?.email ?? null
  }

  #mail(followUp: FollowUp, email: string, token: string, reminder: boolean) {
    return new FollowUpSurveyNotification({
      email,
      firstName: followUp.enrollment.trainee.firstName,
      organizationName: followUp.organization.name,
      cohortName: followUp.enrollment.cohort.name,
      delay: `${FOLLOW_UP_MONTHS[followUp.checkpoint]} mois`,
      url: selfReportUrl(token),
      days: FOLLOW_UP_LINK_DAYS,
      reminder,
    })
  }
}
