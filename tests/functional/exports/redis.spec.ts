import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import { createWorker } from '#jobs/worker'
import { Dispatcher, type QueueConfig } from '#services/dispatcher'
import ExportRun from '#models/export_run'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import { requireService } from '#tests/helpers/services'
import { buildWorld } from '#tests/helpers/world'
import { knownSet, parcoursRows, readWorkbook } from '#tests/functional/exports/known_set'

/**
 * The same export through Redis: queued by the bullmq driver under this
 * helper's own prefix, run by the worker `node ace jobs:work` starts.
 */
const prefix = 'cohorte-h13'
const config: QueueConfig = { ...queueConfig, driver: 'bullmq', prefix }

async function deleteKeys() {
  const { host, port, password } = config.connection
  const redis = new Redis({ host, port, password })
  try {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

test.group('Outcome export | bullmq', (group) => {
  group.tap(requireService('redis'))
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.each.teardown(() => deleteKeys())

  test('the run is queued, then built by a worker with its progress', async ({ assert }) => {
    const { own } = await buildWorld()
    const set = await knownSet(own)
    const run = await ExportRun.create({
      organizationId: own.organization.id,
      funderId: own.funder.id,
      requestedById: own.users.coordinator.id,
      kind: 'outcomes',
      filters: { from: set.from.toISODate(), to: set.to.toISODate() },
      status: 'queued',
      progress: 0,
    })
    const dispatcher = new Dispatcher(config, jobs, app.container, logger)
    try {
      const result = await dispatcher.dispatch(BuildOutcomeExportJob, { exportRunId: run.id })
      assert.equal(result.driver, 'bullmq')
      const id = result.driver === 'bullmq' ? result.id : ''
      const queued = await dispatcher.queue().getJob(id)
      assert.equal(queued!.name, 'build-outcome-export')
      assert.deepEqual(queued!.data, { exportRunId: run.id })
      await run.refresh()
      assert.equal(run.status, 'queued')

      const worker = createWorker({ config, registry: jobs, container: app.container, logger })
      try {
        const deadline = Date.now() + 15_000
        while (Date.now() < deadline) {
          const state = await dispatcher.queue().getJobState(id)
          if (state === 'completed' || state === 'failed') break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        assert.equal(await dispatcher.queue().getJobState(id), 'completed')
      } finally {
        await worker.close()
      }
      await run.refresh()
      assert.equal(run.status, 'done')
      assert.equal(run.progress, 100)
      assert.equal(run.rowCount, 3)
      const { rows } = parcoursRows(await readWorkbook(await drive.use().getBytes(run.filePath!)))
      assert.lengthOf(rows, 3)
    } finally {
      await dispatcher.queue().obliterate({ force: true })
      await dispatcher.close()
    }
  })
})
