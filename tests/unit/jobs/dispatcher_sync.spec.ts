import { test } from '@japa/runner'
import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import productionRegistry from '#jobs/registry'
import { BaseJob, UnrecoverableError, type JobOptions } from '#jobs/base_job'
import { JobRegistry, UnknownJobError } from '#jobs/job_registry'
import { Dispatcher, InvalidJobPayloadError } from '#services/dispatcher'

/**
 * Test-only jobs, registered in a registry of their own: the production
 * registry (app/jobs/registry.ts) never sees them.
 */
const handled: unknown[] = []
const failures: { payload: unknown; error: unknown }[] = []
let runs = 0

class RecordJob extends BaseJob<{ traineeId: number; tags: string[] }> {
  static jobName = 'test-record'
  handle(payload: { traineeId: number; tags: string[] }) {
    handled.push(payload)
  }
}

class AlwaysFailingJob extends BaseJob<{ followUpId: number }> {
  static jobName = 'test-always-failing'
  static options: JobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } }
  handle() {
    runs++
    throw new Error(`attempt ${runs} failed`)
  }
  failed(payload: { followUpId: number }, error: unknown) {
    failures.push({ payload, error })
  }
}

class FailsOnceJob extends BaseJob<{ id: number }> {
  static jobName = 'test-fails-once'
  static options: JobOptions = { attempts: 3 }
  handle() {
    runs++
    if (runs === 1) throw new Error('first attempt fails')
  }
  failed(payload: { id: number }, error: unknown) {
    failures.push({ payload, error })
  }
}

class GivesUpJob extends BaseJob<{ id: number }> {
  static jobName = 'test-gives-up'
  static options: JobOptions = { attempts: 5 }
  handle() {
    runs++
    throw new UnrecoverableError('the record is gone')
  }
  failed(payload: { id: number }, error: unknown) {
    failures.push({ payload, error })
  }
}

class Greeter {
  greet(name: string) {
    return `Bonjour ${name}`
  }
}

@inject()
class InjectedJob extends BaseJob<{ name: string }> {
  static jobName = 'test-injected'
  constructor(private greeter: Greeter) {
    super()
  }
  handle({ name }: { name: string }) {
    handled.push(this.greeter.greet(name))
  }
}

class UnregisteredJob extends BaseJob<{ id: number }> {
  static jobName = 'test-unregistered'
  handle() {
    handled.push('should never run')
  }
}

const including = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))

function syncDispatcher() {
  const registry = new JobRegistry([
    RecordJob,
    AlwaysFailingJob,
    FailsOnceJob,
    GivesUpJob,
    InjectedJob,
  ])
  return new Dispatcher({ ...queueConfig, driver: 'sync' }, registry, app.container, logger)
}

test.group('Dispatcher | sync driver', (group) => {
  group.each.setup(() => {
    handled.length = 0
    failures.length = 0
    runs = 0
  })

  test('runs the job at once with a JSON copy of its payload', async ({ assert }) => {
    const payload = { traineeId: 42, tags: ['qpv', 'neet'] }
    const result = await syncDispatcher().dispatch(RecordJob, payload)

    assert.deepEqual(result, { driver: 'sync', status: 'completed', attempts: 1 })
    assert.deepEqual(handled, [payload])
    assert.notStrictEqual(handled[0], payload)
  })

  test('makes the job through the container, so it can inject services', async ({ assert }) => {
    await syncDispatcher().dispatch(InjectedJob, { name: 'Awa' })
    assert.deepEqual(handled, ['Bonjour Awa'])
  })

  test('retries up to the attempts, then calls failed() once, without throwing', async ({
    assert,
  }) => {
    const result = await syncDispatcher().dispatch(AlwaysFailingJob, { followUpId: 7 })

    assert.equal(runs, 3)
    assert.lengthOf(failures, 1)
    assert.deepEqual(failures[0].payload, { followUpId: 7 })
    assert.equal((failures[0].error as Error).message, 'attempt 3 failed')
    assert.containSubset(result, { driver: 'sync', status: 'failed', attempts: 3 })
  })

  test('does not call failed() when a later attempt succeeds', async ({ assert }) => {
    const result = await syncDispatcher().dispatch(FailsOnceJob, { id: 1 })

    assert.equal(runs, 2)
    assert.lengthOf(failures, 0)
    assert.deepEqual(result, { driver: 'sync', status: 'completed', attempts: 2 })
  })

  test('stops at an UnrecoverableError and calls failed()', async ({ assert }) => {
    const result = await syncDispatcher().dispatch(GivesUpJob, { id: 3 })

    assert.equal(runs, 1)
    assert.lengthOf(failures, 1)
    assert.containSubset(result, { status: 'failed', attempts: 1 })
  })

  test('refuses a job class that is not in the registry', async ({ assert }) => {
    await assert.rejects(
      () => syncDispatcher().dispatch(UnregisteredJob, { id: 1 }),
      UnknownJobError,
      including('Unknown job "test-unregistered": add its class to app/jobs/registry.ts')
    )
    assert.lengthOf(handled, 0)
  })

  test('refuses a payload that is not plain JSON: {path}')
    .with([
      { payload: { traineeId: 1, tags: [], at: new Date() }, path: 'payload.at is a Date' },
      { payload: { traineeId: 1, tags: [new Greeter()] }, path: 'payload.tags[0] is a Greeter' },
      { payload: { traineeId: Number.NaN, tags: [] }, path: 'payload.traineeId is NaN' },
      { payload: { traineeId: 1, tags: [undefined] }, path: 'payload.tags[0] is undefined' },
      { payload: { traineeId: 1, tags: [() => 'x'] }, path: 'payload.tags[0] is a function' },
      { payload: { traineeId: 1, tags: [Buffer.from('x')] }, path: 'payload.tags[0] is a Buffer' },
      { payload: { traineeId: 1n, tags: [] }, path: 'payload.traineeId is a bigint' },
    ])
    .run(async ({ assert }, { payload, path }) => {
      await assert.rejects(
        () => syncDispatcher().dispatch(RecordJob, payload as any),
        InvalidJobPayloadError,
        including(`Job "test-record": ${path}, not JSON. A payload carries ids and primitives`)
      )
      assert.lengthOf(handled, 0)
    })

  test('refuses a circular payload', async ({ assert }) => {
    const payload: any = { traineeId: 1, tags: [] }
    payload.self = payload
    await assert.rejects(
      () => syncDispatcher().dispatch(RecordJob, payload),
      including('Job "test-record": payload.self is a circular reference, not JSON')
    )
  })

  test('accepts undefined properties, which JSON drops', async ({ assert }) => {
    await syncDispatcher().dispatch(RecordJob, { traineeId: 1, tags: [], note: undefined } as any)
    assert.deepEqual(handled, [{ traineeId: 1, tags: [] }])
  })
})

test.group('Job registry', () => {
  test('keeps test jobs out of the production registry', ({ assert }) => {
    assert.include(productionRegistry.names(), 'send-mail')
    assert.notInclude(productionRegistry.names(), 'test-record')
  })

  test('refuses two classes under one name', ({ assert }) => {
    class Impostor extends BaseJob {
      static jobName = 'test-record'
      handle() {}
    }
    assert.throws(
      () => new JobRegistry([RecordJob, Impostor]),
      'Job name "test-record" is used by both RecordJob and Impostor'
    )
  })

  test('refuses a class without its own jobName', ({ assert }) => {
    class Nameless extends RecordJob {}
    assert.throws(
      () => new JobRegistry([Nameless]),
      'Job class Nameless needs its own "static jobName"'
    )
  })

  test('fails on an unknown name', ({ assert }) => {
    assert.throws(
      () => new JobRegistry([RecordJob]).get('no-such-job'),
      'Unknown job "no-such-job"'
    )
  })
})
