import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { readdir, rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import drive from '@adonisjs/drive/services/main'
import env from '#start/env'
import jobs from '#jobs/registry'
import { Dispatcher } from '#services/dispatcher'
import ExportRun from '#models/export_run'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import { truncateAll } from '#tests/helpers/truncate'
import { buildWorld } from '#tests/helpers/world'
import {
  PRIVATE_REDIS_PORT,
  privateQueueConfig,
  requireRedisServer,
  startPrivateRedis,
  stopPrivateRedis,
} from '#tests/helpers/private_redis'
import { knownSet, parcoursRows, readWorkbook } from '#tests/functional/exports/known_set'

/**
 * A worker killed (SIGKILL: no clean-up, no goodbye) in the middle of an
 * export. The real `node ace jobs:work` runs as a child process against a
 * private Redis, so this test's data is committed (and truncated after).
 */
const prefix = `cohorte-crash-${process.pid}`

type Worker = { child: ChildProcess; output: () => string; exited: Promise<unknown> }

function startWorker(extraEnv: Record<string, string> = {}): Worker {
  let output = ''
  const child = spawn(process.execPath, ['ace', 'jobs:work', '--concurrency', '1'], {
    cwd: app.makePath(),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      QUEUE_DRIVER: 'bullmq',
      QUEUE_PREFIX: prefix,
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(PRIVATE_REDIS_PORT),
      REDIS_PASSWORD: '',
      // A dead worker's job is taken back within 2 s + 1 s, not 30 s + 15 s.
      QUEUE_LOCK_DURATION: '2000',
      QUEUE_STALLED_INTERVAL: '1000',
      DRIVE_ROOT: env.get('DRIVE_ROOT', 'storage'),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return { child, output: () => output, exited }
}

async function until<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: () => string,
  timeout = 60_000
) {
  const deadline = Date.now() + timeout
  let value = await read()
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`${what()} (after ${timeout} ms)`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    value = await read()
  }
  return value
}

test.group('Faults | worker killed during an export', (group) => {
  group.tap(requireRedisServer())
  group.each.setup(async () => {
    await truncateAll()
    return () => truncateAll()
  })
  group.each.teardown(() => stopPrivateRedis())

  test('the job is taken back by another worker and the file ends complete and readable', async ({
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
    // Files a previous run of this test left under the same run id.
    const exportsDir = app.makePath(env.get('DRIVE_ROOT', 'storage'), 'exports')
    const runFiles = async () => {
      const names = await readdir(exportsDir).catch(() => [] as string[])
      return names.filter((name) => name.startsWith(`${run.id}-`))
    }
    for (const name of await runFiles()) await rm(`${exportsDir}/${name}`)

    const dispatched = await queue.dispatch(BuildOutcomeExportJob, { exportRunId: run.id })
    assert.include(dispatched, { driver: 'bullmq', pushed: true })
    const jobId = dispatched.driver === 'bullmq' ? dispatched.id : ''

    // The first worker stops for a minute after its rows (test-only pause).
    const first = startWorker({ COHORTE_TEST_EXPORT_PAUSE_MS: '60000' })
    cleanup(() => {
      first.child.kill('SIGKILL')
    })
    await until(
      () => run.refresh().then(() => run),
      (current) => current.status === 'running' && current.progress > 0,
      () => `the first worker never got into the export:\n${first.output()}`
    )
    first.child.kill('SIGKILL')
    await first.exited

    // Half done, and nothing to download.
    await run.refresh()
    assert.equal(run.status, 'running')
    assert.isNull(run.filePath)
    assert.equal(await queue.queue().getJobState(jobId), 'active')

    const second = startWorker()
    cleanup(async () => {
      second.child.kill('SIGTERM')
      await second.exited
    })
    await until(
      () => run.refresh().then(() => run),
      (current) => current.status === 'done' || current.status === 'failed',
      () => `the export never ended:\n${second.output()}`
    )

    assert.equal(run.status, 'done')
    assert.equal(run.progress, 100)
    assert.equal(run.rowCount, 3)
    const { rows } = parcoursRows(await readWorkbook(await drive.use().getBytes(run.filePath!)))
    assert.lengthOf(rows, 3)

    // One job, taken back once from the dead worker, completed.
    const job = await queue.queue().getJob(jobId)
    assert.equal(await job!.getState(), 'completed')
    assert.equal(job!.stalledCounter, 1)
    // One file for the run under its final name, no partial one left.
    assert.deepEqual(await runFiles(), [run.filePath!.replace('exports/', '')])
    const partials = await readdir(`${exportsDir}/.partial`).catch(() => [])
    assert.lengthOf(partials, 0)
  }).timeout(120_000)
})
