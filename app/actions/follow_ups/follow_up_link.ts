import { randomBytes } from 'node:crypto'
import { appUrl } from '#config/app'
import { hashToken } from '#actions/auth/issue_login_token'
import { linkToken } from '#services/link_token'

/**
 * How long a self-report link stays valid after the email (or the
 * reminder, which extends it).
 */
export const FOLLOW_UP_LINK_DAYS = 30

/**
 * Days between the email and the reminder, and between the reminder and
 * the follow-up landing on the coordinator's call list.
 */
export const FOLLOW_UP_REMINDER_DAYS = 7

/**
 * The self-report page (route `follow_ups.self_report.show`). A literal
 * path: the job runs in the worker, without the HTTP router.
 */
export const SELF_REPORT_PATH = '/ma-situation/'

export function newTokenSecret() {
  return randomBytes(32).toString('hex')
}

/**
 * The link's token (see `linkToken`): the reminder repeats the first
 * email's link.
 */
export function followUpToken(followUpId: number, secret: string) {
  return linkToken('follow-up', followUpId, secret)
}

export const hashFollowUpToken = hashToken

export function selfReportUrl(token: string) {
  return appUrl + SELF_REPORT_PATH + token
}

/**
 * Rows changed by a query builder `update()`: knex answers a count on
 * SQLite and PostgreSQL (without `returning`), though Lucid types it as an
 * array.
 */
export function changedRows(result: unknown): number {
  return Array.isArray(result) ? result.length : Number(result)
}
