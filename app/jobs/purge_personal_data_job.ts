import { DateTime } from 'luxon'
import { BaseJob } from '#jobs/base_job'
import PurgePersonalData from '#actions/privacy/purge_personal_data'

/**
 * `now`: an ISO moment to purge as of (tests, catching up); today by default.
 */
export type PurgePersonalDataPayload = { now?: string }

/**
 * The retention purge of personal data (see PurgePersonalData for the
 * rules). Idempotent: what was purged is not found again. Run daily from
 * cron with `node ace privacy:purge`.
 */
export default class PurgePersonalDataJob extends BaseJob<PurgePersonalDataPayload> {
  static jobName = 'purge-personal-data'

  async handle(payload: PurgePersonalDataPayload = {}) {
    const now = payload.now ? DateTime.fromISO(payload.now) : DateTime.now()
    await new PurgePersonalData().run(now)
  }
}
