import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { sqlDateTime } from '#services/sql_time'

/**
 * Jobs waiting in the outbox (dispatched while Redis was away) for more
 * than `minutes`: a warning, not a failure — nothing is lost, but no
 * worker is relaying them (is `node ace jobs:work` running?).
 */
export class OutboxCheck extends BaseCheck {
  name = 'Job outbox'

  constructor(protected minutes = 5) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    const [{ total }] = await db
      .from('job_outbox')
      .where('status', 'pending')
      .where('created_at', '<', sqlDateTime(DateTime.utc().minus({ minutes: this.minutes })))
      .count('* as total')
    const late = Number(total)
    return late
      ? Result.warning(`${late} job(s) waiting for Redis for over ${this.minutes} minutes`)
      : Result.ok('No job waiting').mergeMetaData({ late })
  }
}
