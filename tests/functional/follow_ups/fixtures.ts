import { DateTime } from 'luxon'
import FollowUp from '#models/follow_up'
import type { Side } from '#tests/helpers/world'
import { FOLLOW_UP_CHECKPOINTS, FOLLOW_UP_MONTHS } from '#enums/checkpoint'
import { nowInParis } from '#services/sql_time'
import {
  followUpToken,
  hashFollowUpToken,
  newTokenSecret,
} from '#actions/follow_ups/follow_up_link'

/**
 * Ends the side's enrollment `monthsAgo` months (and a day) ago and
 * creates its +3/+6/+12 follow-ups, as an exit would: the +3 one is due
 * when monthsAgo ≥ 3.
 */
export async function exitEnrollment(side: Side, monthsAgo = 3) {
  const exitOn = nowInParis().startOf('day').minus({ months: monthsAgo, days: 1 })
  side.enrollment.merge({ status: 'completed', exitOn, exitReason: 'completed' })
  await side.enrollment.save()
  const followUps = {} as Record<(typeof FOLLOW_UP_CHECKPOINTS)[number], FollowUp>
  for (const checkpoint of FOLLOW_UP_CHECKPOINTS) {
    followUps[checkpoint] = await FollowUp.create({
      organizationId: side.organization.id,
      enrollmentId: side.enrollment.id,
      checkpoint,
      dueOn: exitOn.plus({ months: FOLLOW_UP_MONTHS[checkpoint] }),
      status: 'due',
    })
  }
  return followUps
}

/**
 * Marks a follow-up as emailed `daysAgo` days ago with a link valid
 * `validDays` more days, and returns the link's token.
 */
export async function sentFollowUp(followUp: FollowUp, daysAgo = 1, validDays = 29) {
  const secret = newTokenSecret()
  const token = followUpToken(followUp.id, secret)
  followUp.merge({
    status: 'sent',
    sentAt: DateTime.utc().minus({ days: daysAgo }),
    tokenSecret: secret,
    tokenHash: hashFollowUpToken(token),
    tokenExpiresAt: DateTime.utc().plus({ days: validDays }),
  })
  await followUp.save()
  return token
}

/**
 * Gives the side's trainee an address of this test's own: the test
 * mailbox folder is shared, so messages are counted by recipient.
 */
export async function uniqueAddress(side: Side) {
  const email = `ancien-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@alpha.test`
  side.trainee.email = email
  await side.trainee.save()
  return email
}

/**
 * The messages sent to one address, oldest first.
 */
export async function mailsTo(email: string) {
  const { default: mailbox } = await import('#services/mailbox')
  const mails = await mailbox.list()
  return mails.filter((mail) => mail.to.some((to) => to.address === email)).reverse()
}

/**
 * The self-report token in an email's text.
 */
export function tokenIn(text: string) {
  return text.match(/\/ma-situation\/([\w-]+)/)?.[1] ?? null
}
