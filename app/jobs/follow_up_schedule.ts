import type { Queue } from 'bullmq'
import SendDueFollowUpsJob from '#jobs/send_due_follow_ups_job'
import { PARIS } from '#services/sql_time'

/**
 * The scheduler's id in Redis: upserting it again (each worker start)
 * replaces it, never adds a second one.
 */
export const FOLLOW_UP_SCHEDULER_ID = 'send-due-follow-ups-daily'

/**
 * Every day at 9:00 Paris time, when people read their mail.
 */
export const FOLLOW_UP_SCHEDULE = { pattern: '0 9 * * *', tz: PARIS.name }

/**
 * Registers the daily SendDueFollowUpsJob on the queue (BullMQ 5 job
 * scheduler). Called by `node ace jobs:work` at start.
 */
export async function scheduleFollowUps(queue: Queue) {
  await queue.upsertJobScheduler(FOLLOW_UP_SCHEDULER_ID, FOLLOW_UP_SCHEDULE, {
    name: SendDueFollowUpsJob.jobName,
    data: {},
    opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  })
}
