import { UnrecoverableError } from 'bullmq'
import type { JobConstructor } from '#jobs/base_job'

/**
 * Raised when a job name is not in the registry: at dispatch (a job class
 * that was never registered) or in the worker (a name read from Redis that
 * this code does not know). Unrecoverable, so the queued job fails at once
 * and stays visible among the failed jobs instead of being retried.
 */
export class UnknownJobError extends UnrecoverableError {
  constructor(jobName: string) {
    super(`Unknown job "${jobName}": add its class to app/jobs/registry.ts`)
  }
}

/**
 * Job classes by their stable name. The worker looks a queued job's name
 * up here, and never imports anything named by the queue.
 */
export class JobRegistry {
  #jobs = new Map<string, JobConstructor>()

  constructor(jobs: JobConstructor[] = []) {
    this.register(...jobs)
  }

  register(...jobs: JobConstructor[]): this {
    for (const Job of jobs) {
      if (!Object.hasOwn(Job, 'jobName') || !Job.jobName) {
        throw new Error(`Job class ${Job.name} needs its own "static jobName"`)
      }
      const known = this.#jobs.get(Job.jobName)
      if (known && known !== Job) {
        throw new Error(`Job name "${Job.jobName}" is used by both ${known.name} and ${Job.name}`)
      }
      this.#jobs.set(Job.jobName, Job)
    }
    return this
  }

  /**
   * The class registered under this name, or an UnknownJobError.
   */
  get(jobName: string): JobConstructor {
    const Job = this.#jobs.get(jobName)
    if (!Job) {
      throw new UnknownJobError(jobName)
    }
    return Job
  }

  /**
   * True when this very class is the one registered under its name.
   */
  has(Job: JobConstructor): boolean {
    return this.#jobs.get(Job.jobName) === Job
  }

  names(): string[] {
    return [...this.#jobs.keys()]
  }
}
