import { UnrecoverableError } from 'bullmq'
import type { Logger } from '@adonisjs/core/logger'
import type { Container } from '@adonisjs/core/container'
import type { JobRegistry } from '#jobs/job_registry'

export interface Attempt {
  /**
   * 1 for the first run.
   */
  number: number

  /**
   * How many attempts the job has in all.
   */
  total: number
}

/**
 * Runs one attempt of a job by name: the same code for the sync driver and
 * the BullMQ worker. On a failure it calls the job's `failed()` hook when
 * no attempt is left, then rethrows, so the caller (the worker, or the sync
 * driver's retry loop) sees the failure.
 */
export class JobRunner {
  constructor(
    protected registry: JobRegistry,
    protected container: Container<any>,
    protected logger: Logger
  ) {}

  async run(jobName: string, payload: unknown, attempt: Attempt): Promise<void> {
    const job = await this.container.make(this.#resolve(jobName))

    try {
      await job.handle(payload)
    } catch (error) {
      const isLast = attempt.number >= attempt.total || error instanceof UnrecoverableError
      const context = { job: jobName, attempt: attempt.number, attempts: attempt.total, err: error }

      if (!isLast) {
        this.logger.warn(context, 'job attempt failed, will retry')
        throw error
      }

      this.logger.error(context, 'job failed')
      if (job.failed) {
        try {
          await job.failed(payload, error)
        } catch (hookError) {
          this.logger.error({ job: jobName, err: hookError }, 'job failed() hook threw')
        }
      }
      throw error
    }
  }

  #resolve(jobName: string) {
    try {
      return this.registry.get(jobName)
    } catch (error) {
      this.logger.error({ job: jobName, err: error }, 'job failed')
      throw error
    }
  }
}
