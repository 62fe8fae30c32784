import { createHmac } from 'node:crypto'
import { appKey } from '#config/app'

/**
 * The token of an emailed link that needs no account (tutor evaluation,
 * follow-up self-report): an HMAC, with the app key, of what the link is
 * for, the record's id and a random secret stored with the record. Only the
 * token's hash is stored beside it (`hashToken`), so the database alone
 * cannot forge a link, and a reminder can rebuild the first email's link.
 */
export function linkToken(purpose: string, id: number, secret: string) {
  return createHmac('sha256', appKey.release())
    .update(`${purpose}:${id}:${secret}`)
    .digest('base64url')
}
