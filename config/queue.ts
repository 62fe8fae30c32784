import env from '#start/env'
import type { QueueConfig } from '#services/dispatcher'

/**
 * Background jobs (see app/services/dispatcher.ts).
 *
 * - `sync` runs each job inside the process that dispatches it, at once:
 *   a laptop needs nothing but Node.
 * - `bullmq` stores jobs in Redis; `node ace jobs:work` runs them.
 */
const queueConfig: QueueConfig = {
  driver: env.get('QUEUE_DRIVER', 'sync'),

  queueName: 'default',

  /**
   * Prefix of every Redis key, so several apps (or test runs) can share
   * one Redis.
   */
  prefix: env.get('QUEUE_PREFIX', 'cohorte'),

  connection: {
    host: env.get('REDIS_HOST', '127.0.0.1'),
    port: env.get('REDIS_PORT', 6379),
    password: env.get('REDIS_PASSWORD') || undefined,
  },

  /**
   * For jobs whose class does not say otherwise: 3 attempts, waiting
   * 10 s then 20 s between them (the sync driver does not wait).
   */
  jobDefaults: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
  },

  /**
   * How long finished jobs stay in Redis to be looked at. The database
   * holds every durable fact; this is only the queue's memory.
   */
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600 },

  /**
   * The job outbox (see app/services/dispatcher.ts): a push to Redis gives
   * up after 2 s (the page is not held up; the job waits in the database),
   * and `jobs:work` relays waiting jobs every 5 s, 100 at a time.
   */
  outbox: { pushTimeout: 2000, relayInterval: 5000, relayBatch: 100 },

  /**
   * A worker that dies mid-job (kill -9, lost machine) stops renewing its
   * 30 s lock; within 15 s more another worker puts the job back to wait
   * (twice at most, so a job that kills its worker each time ends failed).
   * A stalled job restarts from the beginning: jobs must be idempotent.
   */
  worker: {
    lockDuration: env.get('QUEUE_LOCK_DURATION', 30_000),
    stalledInterval: env.get('QUEUE_STALLED_INTERVAL', 15_000),
    maxStalledCount: 2,
  },
}

export default queueConfig
