import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import queueConfig from '#config/queue'
import { BaseJob } from '#jobs/base_job'
import { JobRegistry } from '#jobs/job_registry'
import { Dispatcher, type QueueConfig } from '#services/dispatcher'
import JobOutboxEntry from '#models/job_outbox_entry'

const handled: number[] = []

class NoteJob extends BaseJob<{ id: number }> {
  static jobName = 'test-outbox-note'
  handle({ id }: { id: number }) {
    handled.push(id)
  }
}

const registry = new JobRegistry([NoteJob])

test.group('Dispatcher | jobs that belong to a transaction', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    handled.length = 0
  })

  test('sync driver: the job runs once the transaction commits, never after a rollback', async ({
    assert,
  }) => {
    const dispatcher = new Dispatcher(
      { ...queueConfig, driver: 'sync' },
      registry,
      app.container,
      logger
    )
    await db
      .transaction(async (trx) => {
        await dispatcher.dispatch(NoteJob, { id: 1 }, { client: trx })
        throw new Error('rolled back')
      })
      .catch(() => {})
    assert.deepEqual(handled, [])

    await db.transaction(async (trx) => {
      const result = await dispatcher.dispatch(NoteJob, { id: 2 }, { client: trx })
      assert.deepEqual(result, { driver: 'sync', status: 'deferred', attempts: 0 })
      assert.deepEqual(handled, [], 'not before the commit')
    })
    assert.deepEqual(handled, [2])
  })

  test('bullmq driver, Redis unreachable: dispatch answers within the push timeout and the job waits', async ({
    assert,
  }) => {
    // Nothing listens on port 1.
    const config: QueueConfig = {
      ...queueConfig,
      driver: 'bullmq',
      prefix: `cohorte-unreachable-${process.pid}`,
      connection: { ...queueConfig.connection, host: '127.0.0.1', port: 1 },
      outbox: { ...queueConfig.outbox, pushTimeout: 300 },
    }
    const dispatcher = new Dispatcher(config, registry, app.container, logger)
    try {
      const started = Date.now()
      const result = await dispatcher.dispatch(NoteJob, { id: 3 })
      assert.isBelow(Date.now() - started, 2000)
      assert.include(result, { driver: 'bullmq', pushed: false })

      const entry = await JobOutboxEntry.findOrFail(
        Number((result as { id: string }).id.replace('outbox-', ''))
      )
      assert.equal(entry.status, 'pending')
      assert.equal(entry.jobName, 'test-outbox-note')
      assert.equal(entry.pushAttempts, 1)

      // The relay stops at the first refusal and reports what still waits.
      const relayed = await dispatcher.relayOutbox()
      assert.equal(relayed.sent, 0)
      assert.isAtLeast(relayed.pending, 1)
    } finally {
      // The queue never connected: close without waiting for Redis.
      void dispatcher.close().catch(() => {})
    }
  })
})
