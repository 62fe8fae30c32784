import { test } from '@japa/runner'
import type { Queue } from 'bullmq'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import { createWorker } from '#jobs/worker'
import dispatcher, { Dispatcher, outboxJobId, type QueueConfig } from '#services/dispatcher'
import ExportRun from '#models/export_run'
import JobOutboxEntry from '#models/job_outbox_entry'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import { buildWorld } from '#tests/helpers/world'
import {
  privateQueueConfig,
  requireRedisServer,
  startPrivateRedis,
  stopPrivateRedis,
} from '#tests/helpers/private_redis'
import { knownSet, parcoursRows, readWorkbook } from '#tests/functional/exports/known_set'

/**
 * Redis stopped (a private redis-server this file starts and stops, never
 * the shared one): pages still serve, the work asked meanwhile waits in the
 * job outbox, and runs once Redis is back — once.
 */
const prefix = `cohorte-faults-${process.pid}`

/**
 * Points the application's own dispatcher (the one controllers use) at the
 * private Redis with the bullmq driver, until the returned cleanup.
 */
function useBullmq(config: QueueConfig) {
  const saved = {
    driver: queueConfig.driver,
    prefix: queueConfig.prefix,
    connection: queueConfig.connection,
  }
  Object.assign(queueConfig, {
    driver: 'bullmq',
    prefix: config.prefix,
    connection: config.connection,
  })
  return async () => {
    await dispatcher.close()
    Object.assign(queueConfig, saved)
  }
}

async function settled(queue: Queue, id: string, timeout = 20_000) {
  const deadline = Date.now() + timeout
  let state = await queue.getJobState(id)
  while (state !== 'completed' && state !== 'failed') {
    if (Date.now() > deadline) throw new Error(`job ${id} still "${state}" after ${timeout} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    state = await queue.getJobState(id)
  }
  return state
}

test.group('Faults | Redis stopped', (group) => {
  group.tap(requireRedisServer())
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.each.teardown(() => stopPrivateRedis())

  test('pages serve, an export asked meanwhile waits in the outbox, and runs once Redis is back', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { own } = await buildWorld()
    const set = await knownSet(own)
    const config = privateQueueConfig(prefix)
    await startPrivateRedis()
    cleanup(useBullmq(config))
    await stopPrivateRedis()

    // Pages that read the database still serve.
    const list = await client.get('/coordination/exports').loginAs(own.users.coordinator)
    list.assertStatus(200)

    // The request is answered at once (the push gives up after 2 s).
    const started = Date.now()
    const asked = await client
      .post('/coordination/exports')
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ funder_id: own.funder.id, from: set.from.toISODate(), to: set.to.toISODate() })
      .redirects(0)
    assert.isBelow(Date.now() - started, 5000)
    asked.assertStatus(302)
    const run = await ExportRun.query()
      .where('requested_by_id', own.users.coordinator.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(run.status, 'queued')
    const shown = await client.get(`/exports/${run.id}`).loginAs(own.users.coordinator)
    shown.assertStatus(200)
    shown.assertTextIncludes('En attente')

    // The job is in the database, waiting for Redis.
    const entry = await JobOutboxEntry.query()
      .where('job_name', BuildOutcomeExportJob.jobName)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.deepEqual(JSON.parse(entry.payload), { exportRunId: run.id })
    assert.equal(entry.status, 'pending')
    assert.equal(entry.pushAttempts, 1)
    assert.match(entry.lastError!, /Redis|Connection|writeable|ECONNREFUSED/i)

    // Redis is back (empty: it kept nothing). The worker's relay pushes it.
    await startPrivateRedis()
    const relay = new Dispatcher(config, jobs, app.container, logger)
    cleanup(async () => {
      await relay.queue().obliterate({ force: true })
      await relay.close()
    })
    const relayed = await relay.relayOutbox()
    assert.isAtLeast(relayed.sent, 1)
    assert.equal(relayed.pending, 0)
    await entry.refresh()
    assert.equal(entry.status, 'sent')
    assert.isNotNull(entry.sentAt)

    // A relay that died before marking its row pushes it again: still one job.
    await db.from('job_outbox').where('id', entry.id).update({ status: 'pending' })
    await relay.relayOutbox()
    const queued = await relay.queue().getJobs(['waiting', 'delayed', 'active'])
    const waiting = queued.filter((job) => job.name === BuildOutcomeExportJob.jobName)
    assert.deepEqual(
      waiting.map((job) => job.id),
      [outboxJobId(entry.id)]
    )

    const worker = createWorker({ config, registry: jobs, container: app.container, logger })
    cleanup(() => worker.close())
    assert.equal(await settled(relay.queue(), outboxJobId(entry.id)), 'completed')
    const job = await relay.queue().getJob(outboxJobId(entry.id))
    assert.equal(job!.attemptsMade, 1)
    const counts = await relay.queue().getJobCounts('completed')
    assert.equal(counts.completed, 1)

    await run.refresh()
    assert.equal(run.status, 'done')
    assert.equal(run.rowCount, 3)
    const { rows } = parcoursRows(await readWorkbook(await drive.use().getBytes(run.filePath!)))
    assert.lengthOf(rows, 3)
  }).timeout(60_000)

  test('a job dispatched in a transaction exists only if the transaction commits', async ({
    assert,
    cleanup,
  }) => {
    await startPrivateRedis()
    const config = privateQueueConfig(prefix)
    const queue = new Dispatcher(config, jobs, app.container, logger)
    cleanup(async () => {
      await queue.queue().obliterate({ force: true })
      await queue.close()
    })
    const before = await db.from('job_outbox').count('* as total')

    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await queue.dispatch(BuildOutcomeExportJob, { exportRunId: 999_001 }, { client: trx })
        throw new Error('the business write failed')
      })
    )
    assert.deepEqual(await db.from('job_outbox').count('* as total'), before)
    assert.lengthOf(await queue.queue().getJobs(['waiting']), 0)

    const result = await db.transaction((trx) =>
      queue.dispatch(BuildOutcomeExportJob, { exportRunId: 999_002 }, { client: trx })
    )
    assert.include(result, { driver: 'bullmq', pushed: false })
    const pushed = await queue.queue().getJobs(['waiting'])
    assert.deepEqual(
      pushed.map((job) => [job.id, job.data]),
      [[result.driver === 'bullmq' ? result.id : '', { exportRunId: 999_002 }]]
    )
    const row = await JobOutboxEntry.findOrFail(Number(pushed[0].id!.replace('outbox-', '')))
    assert.equal(row.status, 'sent')
  })

  test('GET /health says 503 with Redis stopped, 200 once it is back, and leaks no detail', async ({
    client,
    assert,
    cleanup,
  }) => {
    await startPrivateRedis()
    cleanup(useBullmq(privateQueueConfig(prefix)))
    await stopPrivateRedis()

    const down = await client.get('/health')
    down.assertStatus(503)
    assert.equal(down.body().status, 'error')
    assert.isFalse(down.body().isHealthy)
    assert.deepInclude(down.body().checks, { name: 'Redis', status: 'error' })
    assert.deepInclude(down.body().checks, { name: 'Database', status: 'ok' })
    for (const secret of ['6395', '127.0.0.1', app.makePath(), String(process.pid), 'ECONN']) {
      assert.notInclude(down.text(), secret)
    }
    assert.notProperty(down.body(), 'debugInfo')

    await startPrivateRedis()
    const up = await client.get('/health')
    up.assertStatus(200)
    assert.isTrue(up.body().isHealthy)
    assert.deepInclude(up.body().checks, { name: 'Redis', status: 'ok' })
  })
})

test.group('Faults | /health with the sync driver', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('reports every check by name and status only; Redis counts as not used', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.isHealthy)
    assert.sameMembers(
      body.checks.map((check: { name: string }) => check.name),
      ['Database', 'Redis', 'Disk', 'Memory', 'Job outbox']
    )
    for (const check of body.checks) {
      assert.sameMembers(Object.keys(check), ['name', 'status'])
      // The test process's heap may pass the warning line; never the failure one.
      assert.include(check.name === 'Memory' ? ['ok', 'warning'] : ['ok'], check.status)
    }
  })
})
