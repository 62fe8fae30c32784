import { createHmac, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import { appKey } from '#config/app'

/**
 * The short code a trainer shows and trainees type (or scan) to sign their
 * presence at one session.
 *
 * The code is derived, never stored: an HMAC of (session id, time step)
 * keyed with the app key, cut to 6 digits the way one-time passwords are
 * (RFC 4226 dynamic truncation). A new code every 60 seconds; the current
 * and the previous one are accepted, so a code read just before it changed
 * still works, and any code is dead after 2 minutes at most.
 */
export const SIGNING_CODE_STEP_SECONDS = 60

/**
 * How many steps a code stays valid: its own and the next one.
 */
export const SIGNING_CODE_VALID_STEPS = 2

export type SigningCodeCheck = 'valid' | 'expired' | 'wrong'

/**
 * The time step holding `at`.
 */
export function signingCodeStep(at: DateTime) {
  return Math.floor(at.toSeconds() / SIGNING_CODE_STEP_SECONDS)
}

/**
 * The code of a session for one time step.
 */
export function signingCodeFor(sessionId: number, step: number) {
  const digest = createHmac('sha256', appKey.release())
    .update(`attendance-signing:${sessionId}:${step}`)
    .digest()
  const offset = digest[digest.length - 1] & 0x0f
  const value = digest.readUInt32BE(offset) & 0x7fffffff
  return String(value % 1_000_000).padStart(6, '0')
}

/**
 * The code to show now, with when it changes (the page reloads then) and
 * until when it is still accepted.
 */
export function currentSigningCode(sessionId: number, at: DateTime = DateTime.now()) {
  const step = signingCodeStep(at)
  const startOf = (index: number) =>
    DateTime.fromSeconds(index * SIGNING_CODE_STEP_SECONDS, { zone: 'utc' })
  return {
    code: signingCodeFor(sessionId, step),
    changesAt: startOf(step + 1),
    validUntil: startOf(step + SIGNING_CODE_VALID_STEPS),
  }
}

/**
 * Checks a typed code against a session at `at`: `valid` for the current
 * or the previous step's code, `expired` for an older code of the same
 * session (back to `since`, the opening of its signing window), `wrong`
 * otherwise.
 */
export function checkSigningCode(
  sessionId: number,
  code: string,
  at: DateTime,
  since: DateTime = at
): SigningCodeCheck {
  const step = signingCodeStep(at)
  for (let back = 0; back < SIGNING_CODE_VALID_STEPS; back++) {
    if (sameCode(code, signingCodeFor(sessionId, step - back))) return 'valid'
  }
  const oldest = Math.min(signingCodeStep(since), step - SIGNING_CODE_VALID_STEPS)
  for (let older = step - SIGNING_CODE_VALID_STEPS; older >= oldest; older--) {
    if (sameCode(code, signingCodeFor(sessionId, older))) return 'expired'
  }
  return 'wrong'
}

/**
 * Whether `code` is a code accepted now for the session (current or
 * previous step), without telling an expired code from a wrong one.
 */
export function isCurrentSigningCode(sessionId: number, code: string, at: DateTime) {
  return checkSigningCode(sessionId, code, at) === 'valid'
}

/**
 * Constant-time comparison, so the time an answer takes says nothing
 * about how many digits were right.
 */
function sameCode(typed: string, expected: string) {
  const a = Buffer.from(typed)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
