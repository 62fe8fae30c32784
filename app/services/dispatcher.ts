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
*/

import { Queue, UnrecoverableError, type KeepJobs, type ConnectionOptions } from 'bullmq'
import app from '@adonisjs/core/services/app'
import appLogger from '@adonisjs/core/services/logger'
import type { Logger } from '@adonisjs/core/logger'
import type { Container } from '@adonisjs/core/container'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import { JobRunner } from '#jobs/job_runner'
import { JobRegistry, UnknownJobError } from '#jobs/job_registry'
import type { JobConstructor, JobOptions, PayloadOf } from '#jobs/base_job'

export interface QueueConfig {
  driver: 'sync' | 'bullmq'
  queueName: string
  prefix: string
  connection: ConnectionOptions & { host: string; port: number; password?: string }
  jobDefaults: Required<JobOptions>
  removeOnComplete: KeepJobs
  removeOnFail: KeepJobs
}

export interface DispatchOptions {
  /**
   * Milliseconds to wait before the job may run (bullmq driver only).
   */
  delay?: number
}

export type DispatchResult =
  | { driver: 'bullmq'; id: string }
  | { driver: 'sync'; status: 'completed' | 'failed'; attempts: number; error?: unknown }

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
    const { attempts, backoff } = this.jobOptions(Job)

    if (this.config.driver === 'sync') {
      return this.#runNow(Job, payload, attempts)
    }

    const job = await this.queue().add(Job.jobName, payload, {
      attempts,
      backoff,
      delay: options.delay,
      removeOnComplete: this.config.removeOnComplete,
      removeOnFail: this.config.removeOnFail,
    })
    return { driver: 'bullmq', id: job.id! }
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
      this.#queue = new Queue(this.config.queueName, {
        connection: this.config.connection,
        prefix: this.config.prefix,
      })
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
