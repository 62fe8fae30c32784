import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import type { Queue } from 'bullmq'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import { createWorker } from '#jobs/worker'
import { BaseJob, type JobOptions } from '#jobs/base_job'
import { JobRegistry } from '#jobs/job_registry'
import { Dispatcher, type QueueConfig } from '#services/dispatcher'
import { requireService } from '#tests/helpers/services'

/**
 * Against the real Redis, under a prefix of this run's own, removed after
 * each test. The worker is the one `node ace jobs:work` starts.
 */
const prefix = `cohorte-test-${process.pid}`
const config: QueueConfig = { ...queueConfig, driver: 'bullmq', prefix }

const handled: unknown[] = []
const attemptTimes: number[] = []
const failures: { payload: unknown; error: unknown }[] = []

class RecordJob extends BaseJob<{ cohortId: number }> {
  static jobName = 'test-record'
  handle(payload: { cohortId: number }) {
    handled.push(payload)
  }
}

class AlwaysFailingJob extends BaseJob<{ exportRunId: number }> {
  static jobName = 'test-always-failing'
  static options: JobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 100 } }
  handle() {
    attemptTimes.push(Date.now())
    throw new Error(`attempt ${attemptTimes.length} failed`)
  }
  failed(payload: { exportRunId: number }, error: unknown) {
    failures.push({ payload, error })
  }
}

async function startQueue() {
  const registry = new JobRegistry([RecordJob, AlwaysFailingJob])
  const dispatcher = new Dispatcher(config, registry, app.container, logger)
  const worker = createWorker({ config, registry, container: app.container, logger })
  await worker.waitUntilReady()

  return {
    dispatcher,
    queue: dispatcher.queue(),
    async stop() {
      await worker.close()
      await dispatcher.queue().obliterate({ force: true })
      await dispatcher.close()
      await deleteKeys(`${prefix}:*`)
    },
  }
}

async function deleteKeys(pattern: string) {
  const { host, port, password } = config.connection
  const redis = new Redis({ host, port, password })
  try {
    const keys = await redis.keys(pattern)
    if (keys.length) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

async function settled(queue: Queue, id: string, timeout = 5000) {
  const deadline = Date.now() + timeout
  let state = await queue.getJobState(id)
  while (state !== 'completed' && state !== 'failed') {
    if (Date.now() > deadline) throw new Error(`job ${id} still "${state}" after ${timeout} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    state = await queue.getJobState(id)
  }
  return { state, job: (await queue.getJob(id))! }
}

test.group('Dispatcher | bullmq driver and worker', (group) => {
  group.tap(requireService('redis'))
  group.each.setup(() => {
    handled.length = 0
    attemptTimes.length = 0
    failures.length = 0
  })

  test('queues the job and the worker runs it with its payload', async ({ assert, cleanup }) => {
    const { dispatcher, queue, stop } = await startQueue()
    cleanup(stop)

    const result = await dispatcher.dispatch(RecordJob, { cohortId: 12 })
    assert.equal(result.driver, 'bullmq')
    const { state, job } = await settled(queue, (result as { id: string }).id)

    assert.equal(state, 'completed')
    assert.equal(job.name, 'test-record')
    assert.deepEqual(handled, [{ cohortId: 12 }])
  })

  test('holds a delayed job until its time', async ({ assert, cleanup }) => {
    const { dispatcher, queue, stop } = await startQueue()
    cleanup(stop)

    const result = await dispatcher.dispatch(RecordJob, { cohortId: 5 }, { delay: 300 })
    const id = (result as { id: string }).id
    assert.equal(await queue.getJobState(id), 'delayed')

    const { state, job } = await settled(queue, id)
    assert.equal(state, 'completed')
    assert.isAtLeast(job.processedOn! - job.timestamp, 300)
  })

  test('retries a failing job with backoff, then calls failed() exactly once', async ({
    assert,
    cleanup,
  }) => {
    const { dispatcher, queue, stop } = await startQueue()
    cleanup(stop)

    const result = await dispatcher.dispatch(AlwaysFailingJob, { exportRunId: 3 })
    const { state, job } = await settled(queue, (result as { id: string }).id)

    assert.equal(state, 'failed')
    assert.equal(job.attemptsMade, 3)
    assert.equal(job.failedReason, 'attempt 3 failed')
    assert.lengthOf(attemptTimes, 3)
    /**
     * Exponential backoff from 100 ms: 100 ms, then 200 ms.
     */
    assert.isAtLeast(attemptTimes[1] - attemptTimes[0], 100)
    assert.isAtLeast(attemptTimes[2] - attemptTimes[1], 200)
    assert.lengthOf(failures, 1)
    assert.deepEqual(failures[0].payload, { exportRunId: 3 })
  })

  test('fails, without retrying, a queued job whose name is unknown', async ({
    assert,
    cleanup,
  }) => {
    const { queue, stop } = await startQueue()
    cleanup(stop)

    /**
     * As if an older or newer release had queued it.
     */
    const queued = await queue.add('no-such-job', { id: 1 }, { attempts: 3 })
    const { state, job } = await settled(queue, queued.id!)

    assert.equal(state, 'failed')
    assert.equal(job.attemptsMade, 1)
    assert.include(job.failedReason, 'Unknown job "no-such-job"')
    assert.lengthOf(handled, 0)
  })
})
