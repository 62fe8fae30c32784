import { PARIS } from '#services/sql_time'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import ExportRun from '#models/export_run'
import dispatcher from '#services/dispatcher'
import { refuse } from '#services/flash_refusal'
import { outcomeExportMessages, outcomeExportValidator } from '#validators/export'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import { XLSX_CONTENT_TYPE } from '#exports/pipeline_export'
import { outcomeSpreadsheetFilename } from '#exports/outcome_spreadsheet'
import {
  ExportRefused,
  exportableFunders,
  findOwnRun,
  isExpired,
  requestOutcomeExport,
  OUTCOME_EXPORT_KIND,
} from '#actions/exports/outcome_exports'

/**
 * Outcome exports: asked by a coordinator (their organisation's cohorts)
 * or a funder (its own cohorts), built by a job, downloaded by the person
 * who asked only, until the file expires.
 */
export default class ExportsController {
  async index({ auth, view, route }: HttpContext) {
    const user = auth.getUserOrFail()
    const funders = await exportableFunders(user)
    const runs = await ExportRun.query()
      .where('requested_by_id', user.id)
      .where('kind', OUTCOME_EXPORT_KIND)
      .preload('funder')
      .orderBy('id', 'desc')
      .limit(50)
    const isFunder = Boolean(user.funderId)
    return view.render('pages/exports/index', {
      funders,
      runs: runs.map((run) => present(run)),
      isFunder,
      action: isFunder ? 'funder.exports.store' : 'coordinator.exports.store',
      routeName: route?.name,
    })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    if (user.funderId) request.updateBody({ ...request.body(), funder_id: user.funderId })
    const payload = await request.validateUsing(outcomeExportValidator, {
      messagesProvider: outcomeExportMessages,
    })
    let run: ExportRun
    try {
      // The run and its job are written together: with Redis away the job
      // waits in the outbox, and no run is ever left without its job.
      run = await db.transaction(async (trx) => {
        const created = await requestOutcomeExport({
          user,
          funderId: payload.funder_id,
          // The validated YYYY-MM-DD strings, read as calendar days (not
          // through the Date, which the process time zone could shift).
          from: DateTime.fromISO(String(request.input('from')), { zone: 'utc' }),
          to: DateTime.fromISO(String(request.input('to')), { zone: 'utc' }),
          client: trx,
        })
        await dispatcher.dispatch(
          BuildOutcomeExportJob,
          { exportRunId: created.id },
          { client: trx }
        )
        return created
      })
    } catch (error) {
      if (!(error instanceof ExportRefused)) throw error
      refuse(session, null, error.message)
      return response
        .redirect()
        .toRoute(user.funderId ? 'funder.exports.index' : 'coordinator.exports.index')
    }
    session.flash('success', 'Export demandé : le fichier se prépare.')
    return response.redirect().toRoute('exports.show', { id: run.id })
  }

  async show({ auth, params, view, response }: HttpContext) {
    const run = await findOwnRun(auth.getUserOrFail(), Number(params.id))
    if (!run) return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('pages/exports/show', { run: present(run) })
  }

  /**
   * The run's status as JSON, for the page's optional polling.
   */
  async progress({ auth, params, response }: HttpContext) {
    const run = await findOwnRun(auth.getUserOrFail(), Number(params.id))
    if (!run) return response.notFound({ error: 'Export introuvable.' })
    const shown = present(run)
    return { status: shown.status, progress: run.progress, label: shown.statusLabel }
  }

  async download({ auth, bouncer, params, view, response }: HttpContext) {
    const run = await findOwnRun(auth.getUserOrFail(), Number(params.id))
    if (!run || (await bouncer.with('ExportRunPolicy').denies('download', run))) {
      return response.notFound(await view.render('pages/errors/not_found'))
    }
    if (isExpired(run)) {
      response.status(410)
      return view.render('pages/exports/unavailable', {
        run: present(run),
        message: `Ce fichier a expiré : il n’est gardé que quelques jours. Demandez un nouvel export.`,
      })
    }
    if (run.status !== 'done' || !run.filePath) {
      response.status(404)
      return view.render('pages/exports/unavailable', {
        run: present(run),
        message:
          run.status === 'failed'
            ? 'Cet export a échoué : aucun fichier à télécharger.'
            : 'Le fichier n’est pas encore prêt : revenez dans quelques instants.',
      })
    }
    const filters = run.filters ?? {}
    const filename = outcomeSpreadsheetFilename(
      run.funder,
      DateTime.fromISO(String(filters.from)),
      DateTime.fromISO(String(filters.to))
    )
    response.header('content-type', XLSX_CONTENT_TYPE)
    response.header('content-disposition', `attachment; filename="${filename}"`)
    response.header('cache-control', 'private, no-store')
    return response.stream(await drive.use().getStream(run.filePath))
  }
}

const STATUS_LABELS: Record<string, string> = {
  queued: 'En attente',
  running: 'En préparation',
  done: 'Prêt',
  failed: 'Échec',
  expired: 'Expiré',
}

/**
 * What the pages show of a run.
 */
function present(run: ExportRun) {
  const status = isExpired(run) ? 'expired' : run.status
  const filters = run.filters ?? {}
  const day = (value: unknown) =>
    value ? DateTime.fromISO(String(value)).toFormat('dd/LL/yyyy') : ''
  return {
    id: run.id,
    status,
    statusLabel: STATUS_LABELS[status] ?? status,
    running: status === 'queued' || status === 'running',
    progress: run.progress,
    funderName: run.funder?.name ?? '',
    period: `du ${day(filters.from)} au ${day(filters.to)}`,
    rowCount: run.rowCount,
    error: run.error,
    createdAt: run.createdAt.setZone(PARIS).toFormat('dd/LL/yyyy HH:mm'),
    expiresAt: run.expiresAt ? run.expiresAt.setZone(PARIS).toFormat('dd/LL/yyyy HH:mm') : null,
  }
}
