import { BaseJob } from '#jobs/base_job'
import SendDueFollowUps from '#actions/follow_ups/send_due_follow_ups'

/**
 * Sends the due follow-up emails and reminders, and moves the unanswered
 * ones to the call list (see SendDueFollowUps). Idempotent: each email is
 * claimed in the database before it goes, so running it twice, or after a
 * worker restart, sends nothing twice.
 *
 * Runs every morning: a BullMQ job scheduler registered when
 * `node ace jobs:work` starts (see #jobs/follow_up_schedule), or, with the
 * sync driver, cron calling `node ace followups:run`.
 */
export default class SendDueFollowUpsJob extends BaseJob<Record<string, never>> {
  static jobName = 'send-due-follow-ups'

  async handle() {
    await new SendDueFollowUps().handle()
  }
}
