import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import { linkToken } from '#services/link_token'
import { hashToken } from '#actions/auth/issue_login_token'
import { PARIS } from '#services/sql_time'
import type TutorEvaluation from '#models/tutor_evaluation'

/**
 * How long a tutor has to answer, counted from the later of the sending
 * day and the internship's last day.
 */
export const ANSWER_DAYS = 30

/**
 * Days after the internship's last day when an unanswered request is
 * reminded, each once.
 */
export const REMINDER_DAYS = [3, 10] as const
export type ReminderDay = (typeof REMINDER_DAYS)[number]

/**
 * The public form's path (route `tutor_evaluation.show`). A literal path:
 * reminders are built by the job worker, which has no router lookup.
 */
const FORM_PATH = '/evaluation-stage/'

export function newTokenNonce() {
  return randomBytes(24).toString('base64url')
}

/**
 * The link's token (see `linkToken`): a reminder rebuilds the very link of
 * the first email.
 */
export function evaluationToken(evaluation: Pick<TutorEvaluation, 'id' | 'tokenNonce'>) {
  return linkToken('tutor-evaluation', evaluation.id, evaluation.tokenNonce)
}

export function evaluationTokenHash(evaluation: Pick<TutorEvaluation, 'id' | 'tokenNonce'>) {
  return hashToken(evaluationToken(evaluation))
}

export function evaluationUrl(evaluation: Pick<TutorEvaluation, 'id' | 'tokenNonce'>) {
  return appUrl + FORM_PATH + evaluationToken(evaluation)
}

/**
 * The answer deadline for a request sent at `sentAt` about an internship
 * ending on `endsOn`: 30 days after the later of the two.
 */
export function answerDeadline(sentAt: DateTime, endsOn: DateTime) {
  const lastDay = DateTime.fromISO(endsOn.toISODate()!, { zone: PARIS }).endOf('day')
  const start = lastDay > sentAt ? lastDay : sentAt
  return start.plus({ days: ANSWER_DAYS }).toUTC()
}

/**
 * The Paris calendar day a reminder is due (last day + 3 or + 10).
 */
export function reminderDueDate(endsOn: DateTime, day: ReminderDay) {
  return endsOn.plus({ days: day }).toISODate()!
}

/**
 * A reminder whose day had already come when the request was sent is not
 * sent: the request itself was fresh news.
 */
export function reminderApplies(endsOn: DateTime, sentAt: DateTime, day: ReminderDay) {
  return reminderDueDate(endsOn, day) > sentAt.setZone(PARIS).toISODate()!
}

/**
 * When a queued reminder should run: 9:00 Paris time on its day.
 */
export function reminderRunAt(endsOn: DateTime, day: ReminderDay) {
  return DateTime.fromISO(reminderDueDate(endsOn, day), { zone: PARIS }).set({ hour: 9 })
}

export function formatDay(value: DateTime) {
  return value.setZone(PARIS).setLocale('fr').toFormat('d LLLL yyyy')
}
