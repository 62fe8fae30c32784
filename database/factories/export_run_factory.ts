import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import ExportRun from '#models/export_run'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { organizationIdFor, willCreate } from '#database/factories/helpers'

let n = 0

/**
 * A queued export asked by a coordinator of an organisation. A funder's:
 * `ExportRunFactory.merge({ funderId: funder.id })`, asked by a funder
 * account of that funder.
 */
export const ExportRunFactory = factory
  .define(ExportRun, () => {
    n++
    return {
      kind: 'funder_outcomes',
      filters: { year: 2025 },
      status: 'queued' as const,
      progress: 0,
      filePath: null,
      rowCount: null,
      error: null,
      finishedAt: null,
      expiresAt: null,
    }
  })
  .state('running', (run) => {
    run.status = 'running'
    run.progress = 40
  })
  .state('done', (run) => {
    run.status = 'done'
    run.progress = 100
    run.filePath = `exports/export-${n}.xlsx`
    run.rowCount = 24
    run.finishedAt = DateTime.now()
    run.expiresAt = DateTime.now().plus({ days: 7 })
  })
  .state('failed', (run) => {
    run.status = 'failed'
    run.error = 'Le fichier n’a pas pu être créé.'
    run.finishedAt = DateTime.now()
  })
  .relation('requestedBy', () => UserFactory)
  .before('create', async (builder, run, ctx) => {
    if (run.funderId) {
      if (!run.requestedById && !willCreate(builder, 'requestedBy')) {
        const user = await UserFactory.apply('funder')
          .merge({ funderId: run.funderId })
          .useCtx(ctx)
          .create()
        run.requestedById = user.id
      }
      run.organizationId ??= null
      return
    }
    run.organizationId ??= await organizationIdFor(builder, ctx, [[User, run.requestedById]])
    run.funderId ??= null
    if (!run.requestedById && !willCreate(builder, 'requestedBy')) {
      const user = await UserFactory.merge({ organizationId: run.organizationId })
        .useCtx(ctx)
        .create()
      run.requestedById = user.id
    }
  })
  .build()
