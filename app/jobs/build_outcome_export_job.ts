import { createReadStream, createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { finished } from 'node:stream/promises'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import app from '@adonisjs/core/services/app'
import { BaseJob, UnrecoverableError } from '#jobs/base_job'
import ExportRun from '#models/export_run'
import Funder from '#models/funder'
import BuildOutcomeSpreadsheet, {
  countScopeEnrollments,
  type OutcomeScope,
} from '#exports/outcome_spreadsheet'
import { EXPORT_RETENTION_DAYS } from '#actions/exports/outcome_exports'

type Payload = { exportRunId: number }

/**
 * Tests only: with NODE_ENV=test, COHORTE_TEST_EXPORT_PAUSE_MS makes the
 * job wait that long after each chunk of rows, so a fault test can kill
 * the worker in the middle of an export. Ignored in any other environment.
 */
function testPause(): Promise<void> | undefined {
  const ms = app.inTest ? Number(process.env.COHORTE_TEST_EXPORT_PAUSE_MS ?? 0) : 0
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined
}

/**
 * Builds a requested outcome spreadsheet: streams it to a temporary file
 * (progress saved after each chunk of enrollments), stores it with drive
 * under a `.partial` name, moves it to `exports/<runId>-<uuid>.xlsx` (a
 * rename, so no half file ever has the final name) and only then marks
 * the run done with its row count and expiry. A worker killed on the way
 * leaves the run "running"; BullMQ gives the stalled job to another
 * worker, which builds the file again from the start. After the last
 * failed attempt the run says why.
 */
export default class BuildOutcomeExportJob extends BaseJob<Payload> {
  static jobName = 'build-outcome-export'
  static options = { attempts: 2, backoff: { type: 'fixed' as const, delay: 5_000 } }

  async handle({ exportRunId }: Payload) {
    const run = await ExportRun.find(exportRunId)
    if (!run) throw new UnrecoverableError(`Export run ${exportRunId} not found`)
    if (run.status === 'done') return
    const funder = await Funder.find(run.funderId ?? 0)
    if (!funder) throw new UnrecoverableError('funder gone')
    const filters = run.filters ?? {}
    const scope: OutcomeScope = {
      funderId: funder.id,
      organizationId: run.organizationId,
      from: DateTime.fromISO(String(filters.from), { zone: 'utc' }),
      to: DateTime.fromISO(String(filters.to), { zone: 'utc' }),
    }

    run.merge({ status: 'running', progress: 0, error: null })
    await run.save()
    const total = await countScopeEnrollments(scope)

    const temp = join(tmpdir(), `cohorte-export-${run.id}-${randomUUID()}.xlsx`)
    try {
      const out = createWriteStream(temp)
      const { rowCount } = await new BuildOutcomeSpreadsheet().handle({
        funder,
        scope,
        stream: out,
        onProgress: async (processed) => {
          // 99 at most until the file is stored.
          run.progress = total === 0 ? 99 : Math.min(99, Math.floor((processed / total) * 100))
          await run.save()
          await testPause()
        },
      })
      out.end()
      await finished(out)
      const key = `exports/${run.id}-${randomUUID()}.xlsx`
      const partial = `exports/.partial/${run.id}-${randomUUID()}.xlsx`
      await drive.use().putStream(partial, createReadStream(temp))
      await drive.use().move(partial, key)
      const now = DateTime.now()
      run.merge({
        status: 'done',
        progress: 100,
        filePath: key,
        rowCount,
        finishedAt: now,
        expiresAt: now.plus({ days: EXPORT_RETENTION_DAYS }),
      })
      await run.save()
    } finally {
      await rm(temp, { force: true })
    }
  }

  async failed({ exportRunId }: Payload, error: unknown) {
    logger.error({ err: error, exportRunId }, 'outcome export failed')
    const run = await ExportRun.find(exportRunId)
    if (!run) return
    run.merge({
      status: 'failed',
      finishedAt: DateTime.now(),
      error:
        'La construction du fichier a échoué (erreur interne, l’équipe technique est prévenue). ' +
        'Vous pouvez relancer l’export ; si l’échec se répète, contactez le support.',
    })
    await run.save()
  }
}
