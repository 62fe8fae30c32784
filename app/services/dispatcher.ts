/*
|--------------------------------------------------------------------------
| Job dispatcher
|--------------------------------------------------------------------------
|
| The one way to run background work:
|
|   await dispatcher.dispatch(SendFollowUpSurveyJob, { followUpId: 12 })
|   await dispatcher.dispatch(PurgeJob, {}, { delay: 60_000 })
|
| Driver `bullmq` adds the job to Redis for `node ace jobs:work`, with the
| attempts and exponential backoff of the job class (or config/queue.ts).
|
| Driver `sync` runs it now, in this process, with the same retries but no
| wait between them, and ignores `delay`. Like a queued job, a failing job
| does not make `dispatch()` throw: after the last attempt its `failed()`
| hook runs, the error is logged, and the result says `failed`. So an HTTP
| request that sends a mail is not turned into an error page by a mail
| server that is down.
|
| Both drivers refuse, by throwing at once, a job class missing from the
| registry and a payload that is not plain JSON.
|
| Outbox (driver `bullmq`): the job is first written to the `job_outbox`
| table — in the caller's transaction when it passes `{ client: trx }`, so
| the job exists exactly when the business write does — then pushed to
| Redis with a short timeout, under the BullMQ job id `outbox-<row id>`.
| With Redis down, `dispatch()` does not hang or fail: the row stays
| `pending` and `relayOutbox()` (run by `node ace jobs:work` at start and
| every few seconds) pushes it once Redis is back. A row pushed twice keeps
| its job id, so BullMQ holds one job: nothing lost, nothing run twice.
|
*/

import { Queue, UnrecoverableError, type KeepJobs, type ConnectionOptions } from 'bullmq'
import type { RedisOptions } from 'ioredis'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import app from '@adonisjs/core/services/app'
import appLogger from '@adonisjs/core/services/logger'
import type { Logger } from '@adonisjs/core/logger'
import type { Container } from '@adonisjs/core/container'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import { JobRunner } from '#jobs/job_runner'
import { JobRegistry, UnknownJobError } from '#jobs/job_registry'
import type { JobConstructor, JobOptions, PayloadOf } from '#jobs/base_job'
import JobOutboxEntry from '#models/job_outbox_entry'
import { sqlDateTime } from '#services/sql_time'

export interface QueueConfig {
  driver: 'sync' | 'bullmq'
  queueName: string
  prefix: string
  connection: ConnectionOptions & { host: string; port: number; password?: string }
  jobDefaults: Required<JobOptions>
  removeOnComplete: KeepJobs
  removeOnFail: KeepJobs
  /**
   * Outbox (bullmq driver): how long a push to Redis may take before the
   * job is left to the relay, and how often `jobs:work` relays (ms).
   */
  outbox: { pushTimeout: number; relayInterval: number; relayBatch: number }
  /**
   * Stalled jobs: a worker holds a lock on its job for `lockDuration` ms,
   * renewed while it runs; a worker that dies (kill -9, lost machine)
   * stops renewing it, and after `stalledInterval` another worker puts the
   * job back to wait, at most `maxStalledCount` times.
   */
  worker: { lockDuration: number; stalledInterval: number; maxStalledCount: number }
}

export interface DispatchOptions {
  /**
   * Milliseconds to wait before the job may run (bullmq driver only).
   */
  delay?: number

  /**
   * The transaction of the business write: with bullmq the outbox row is
   * written in it and pushed to Redis once it commits; with sync the job
   * runs once it commits. A rollback drops the job with the write.
   */
  client?: TransactionClientContract
}

export type DispatchResult =
  /**
   * `pushed` is false when Redis did not take the job in time (or the
   * caller's transaction is still open): it waits in the outbox.
   */
  | { driver: 'bullmq'; id: string; pushed: boolean }
  /**
   * `deferred`: dispatched inside a transaction, it runs when it commits.
   */
  | {
      driver: 'sync'
      status: 'completed' | 'failed' | 'deferred'
      attempts: number
      error?: unknown
    }

/**
 * A payload that would not survive JSON unchanged.
 */
export class InvalidJobPayloadError extends Error {}

export class Dispatcher {
  #queue?: Queue
  #runner: JobRunner

  constructor(
    readonly config: QueueConfig,
    readonly registry: JobRegistry,
    readonly container: Container<any>,
    readonly logger: Logger
  ) {
    this.#runner = new JobRunner(registry, container, logger)
  }

  async dispatch<Job extends JobConstructor>(
    Job: Job,
    payload: PayloadOf<Job>,
    options: DispatchOptions = {}
  ): Promise<DispatchResult> {
    if (!this.registry.has(Job)) {
      throw new UnknownJobError(Job.jobName ?? Job.name)
    }
    assertJson(payload, 'payload', Job.jobName)
    if (this.config.driver === 'sync') {
      const attempts = this.jobOptions(Job).attempts
      // In a transaction, the job runs once the write it belongs to is
      // committed (and not at all after a rollback), as a worker would.
      if (options.client?.isTransaction) {
        options.client.after('commit', async () => {
          await this.#runNow(Job, payload, attempts)
        })
        return { driver: 'sync', status: 'deferred', attempts: 0 }
      }
      return this.#runNow(Job, payload, attempts)
    }

    const entry = await JobOutboxEntry.create(
      {
        jobName: Job.jobName,
        payload: JSON.stringify(payload),
        availableAt: DateTime.utc().plus({ milliseconds: Math.max(0, options.delay ?? 0) }),
        status: 'pending',
        pushAttempts: 0,
      },
      { client: options.client }
    )
    const id = outboxJobId(entry.id)
    if (options.client?.isTransaction) {
      options.client.after('commit', async () => {
        await this.#push(entry, options.delay).catch((error) =>
          this.logger.warn({ err: error, job: Job.jobName, id }, 'job left in the outbox')
        )
      })
      return { driver: 'bullmq', id, pushed: false }
    }
    return { driver: 'bullmq', id, pushed: (await this.#push(entry, options.delay)) === 'sent' }
  }

  /**
   * Pushes the outbox's pending rows to Redis, oldest first, and stops at
   * the first one Redis does not take (it is down: the next relay will
   * try again); forgets rows sent over a week ago. Safe to run from
   * several workers at once.
   */
  async relayOutbox(): Promise<{ sent: number; pending: number }> {
    const entries = await JobOutboxEntry.query()
      .where('status', 'pending')
      .orderBy('id')
      .limit(this.config.outbox.relayBatch)
    let sent = 0
    for (const entry of entries) {
      const outcome = await this.#push(entry)
      if (outcome === 'sent') sent++
      if (outcome === 'unreachable') break
    }
    // Rows Redis took more than a week ago are of no more use.
    await db
      .from('job_outbox')
      .where('status', 'sent')
      .where('sent_at', '<', sqlDateTime(DateTime.utc().minus({ days: 7 })))
      .delete()
    const [{ total }] = await db.from('job_outbox').where('status', 'pending').count('* as total')
    return { sent, pending: Number(total) }
  }

  /**
   * One outbox row to Redis, under its own job id, within the push
   * timeout; the row is marked `sent` once Redis has the job. `delay` is
   * the dispatch's own; a relayed row waits what is left of it.
   */
  async #push(entry: JobOutboxEntry, delay?: number): Promise<'sent' | 'unreachable' | 'unknown'> {
    if (!this.registry.names().includes(entry.jobName)) {
      await db
        .from('job_outbox')
        .where('id', entry.id)
        .where('status', 'pending')
        .update({ status: 'failed', last_error: `Unknown job "${entry.jobName}"` })
      this.logger.error({ job: entry.jobName, id: entry.id }, 'outbox row names an unknown job')
      return 'unknown'
    }
    const { attempts, backoff } = this.jobOptions(this.registry.get(entry.jobName))
    const adding = (async () => {
      await this.queue().add(entry.jobName, JSON.parse(entry.payload), {
        jobId: outboxJobId(entry.id),
        attempts,
        backoff,
        delay: delay ?? Math.max(0, entry.availableAt.toMillis() - Date.now()),
        removeOnComplete: this.config.removeOnComplete,
        removeOnFail: this.config.removeOnFail,
      })
      await db
        .from('job_outbox')
        .where('id', entry.id)
        .where('status', 'pending')
        .update({ status: 'sent', sent_at: sqlDateTime(DateTime.utc()), last_error: null })
    })()
    // A push that ends after the timeout still marks its row; its error
    // (Redis still down) is the relay's business.
    adding.catch(() => {})
    try {
      await withTimeout(adding, this.config.outbox.pushTimeout)
      return 'sent'
    } catch (error) {
      this.logger.warn(
        { err: error, job: entry.jobName, id: entry.id },
        'Redis did not take the job: it waits in the outbox'
      )
      await db
        .from('job_outbox')
        .where('id', entry.id)
        .where('status', 'pending')
        .update({
          push_attempts: db.knexRawQuery('push_attempts + 1'),
          last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
        })
      return 'unreachable'
    }
  }

  /**
   * The job's own options over the configured defaults.
   */
  jobOptions(Job: JobConstructor): Required<JobOptions> {
    const options = { ...this.config.jobDefaults, ...Job.options }
    return { ...options, attempts: Math.max(1, Math.floor(options.attempts)) }
  }

  /**
   * The BullMQ queue, connected on first use.
   */
  queue(): Queue {
    if (!this.#queue) {
      /**
       * Fail fast when Redis is away (the outbox keeps the job) instead of
       * queueing commands in memory; reconnect every few seconds.
       */
      const connection: RedisOptions = {
        ...(this.config.connection as RedisOptions),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: this.config.outbox.pushTimeout,
        retryStrategy: (times: number) => Math.min(times * 500, 5000),
      }
      this.#queue = new Queue(this.config.queueName, { connection, prefix: this.config.prefix })
      this.#queue.on('error', (error) => this.logger.error({ err: error }, 'job queue error'))
    }
    return this.#queue
  }

  /**
   * Closes the Redis connection, if one was opened. Safe to call twice.
   */
  async close(): Promise<void> {
    const queue = this.#queue
    this.#queue = undefined
    await queue?.close()
  }

  async #runNow(Job: JobConstructor, payload: unknown, attempts: number): Promise<DispatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        /**
         * A JSON copy, as the worker would see it.
         */
        const copy = JSON.parse(JSON.stringify(payload))
        await this.#runner.run(Job.jobName, copy, { number: attempt, total: attempts })
        return { driver: 'sync', status: 'completed', attempts: attempt }
      } catch (error) {
        if (attempt >= attempts || error instanceof UnrecoverableError) {
          return { driver: 'sync', status: 'failed', attempts: attempt, error }
        }
      }
    }
  }
}

/**
 * The BullMQ job id of an outbox row.
 */
export function outboxJobId(rowId: number) {
  return `outbox-${rowId}`
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Accepts null, booleans, strings, finite numbers, arrays and plain
 * objects (whose `undefined` properties JSON drops); refuses dates, models,
 * buffers, class instances, functions and cycles, naming the path.
 */
function assertJson(value: unknown, path: string, jobName: string, ancestors: object[] = []) {
  const refuse = (what: string) => {
    throw new InvalidJobPayloadError(
      `Job "${jobName}": ${path} is ${what}, not JSON. A payload carries ids and primitives, never models or objects.`
    )
  }

  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : refuse(String(value))
  }
  if (typeof value !== 'object') {
    return refuse(value === undefined ? 'undefined' : `a ${typeof value}`)
  }
  if (ancestors.includes(value)) {
    return refuse('a circular reference')
  }

  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      assertJson(item, `${path}[${index}]`, jobName, [...ancestors, value])
    )
    return
  }

  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) {
    return refuse(`a ${value.constructor?.name ?? 'class instance'}`)
  }
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) {
      assertJson(item, `${path}.${key}`, jobName, [...ancestors, value])
    }
  }
}

const dispatcher = new Dispatcher(queueConfig, jobs, app.container, appLogger)
export default dispatcher
