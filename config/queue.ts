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
}

export default queueConfig
