import { Worker } from 'bullmq'
import type { Logger } from '@adonisjs/core/logger'
import type { Container } from '@adonisjs/core/container'
import { JobRunner } from '#jobs/job_runner'
import type { JobRegistry } from '#jobs/job_registry'
import type { QueueConfig } from '#services/dispatcher'

export interface WorkerOptions {
  config: Pick<QueueConfig, 'queueName' | 'prefix' | 'connection'> &
    Partial<Pick<QueueConfig, 'worker'>>
  registry: JobRegistry
  container: Container<any>
  logger: Logger
  concurrency?: number
}

/**
 * The BullMQ worker `node ace jobs:work` runs (tests start the same one).
 * Each job's name is looked up in the registry: an unknown name fails the
 * job without retry. A failing attempt throws, so BullMQ retries it with
 * the job's backoff; the last one calls the job's `failed()` hook first.
 */
export function createWorker({
  config,
  registry,
  container,
  logger,
  concurrency = 5,
}: WorkerOptions) {
  const runner = new JobRunner(registry, container, logger)

  const worker = new Worker(
    config.queueName,
    async (job) => {
      await runner.run(job.name, job.data, {
        number: job.attemptsMade + 1,
        total: Math.max(1, job.opts.attempts ?? 1),
      })
    },
    {
      connection: config.connection,
      prefix: config.prefix,
      concurrency,
      // Stalled jobs of a dead worker go back to wait (config/queue.ts).
      ...config.worker,
    }
  )

  worker.on('completed', (job) => logger.info({ job: job.name, id: job.id }, 'job done'))
  worker.on('error', (error) => logger.error({ err: error }, 'job worker error'))
  return worker
}
