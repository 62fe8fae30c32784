/*
|--------------------------------------------------------------------------
| Base job
|--------------------------------------------------------------------------
|
| A job is a class with a stable `jobName`, a `handle(payload)` and an
| optional `failed(payload, error)` hook run once, after the last attempt
| failed. It is dispatched with `dispatcher.dispatch(MyJob, payload)` and
| must be listed in `app/jobs/registry.ts`.
|
| The payload is JSON: ids and primitives, never models. Jobs are made by
| the container, so a constructor decorated with `@inject()` receives
| services.
|
*/

/**
 * Throw it from `handle()` when retrying cannot help (the record is gone,
 * the input is wrong): the job fails at once and `failed()` runs.
 */
export { UnrecoverableError } from 'bullmq'

export interface JobOptions {
  /**
   * How many times the job runs before it counts as failed (≥ 1).
   */
  attempts?: number

  /**
   * Wait between attempts, in milliseconds: `exponential` doubles `delay`
   * after each failure, `fixed` keeps it.
   */
  backoff?: { type: 'exponential' | 'fixed'; delay: number }
}

export abstract class BaseJob<Payload = unknown> {
  /**
   * Stable name the job is stored under in the queue. Never rename it
   * while jobs of that name may be waiting.
   */
  static jobName: string

  /**
   * Attempts and backoff; what is missing comes from `config/queue.ts`.
   */
  static options: JobOptions = {}

  abstract handle(payload: Payload): Promise<void> | void

  /**
   * Called once, after the last attempt failed (or an UnrecoverableError).
   */
  failed?(payload: Payload, error: unknown): Promise<void> | void
}

/**
 * A job class, as given to the dispatcher and the registry.
 */
export interface JobConstructor<Payload = any> {
  new (...args: any[]): BaseJob<Payload>
  jobName: string
  options: JobOptions
}

export type PayloadOf<Job extends JobConstructor> =
  Job extends JobConstructor<infer Payload> ? Payload : never
