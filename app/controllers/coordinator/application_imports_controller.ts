import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { findCohort } from '#actions/cohorts/find_cohort'
import { APPLICATION_SOURCE_LABELS } from '#actions/applications/pipeline_labels'
import {
  IMPORT_FIELDS,
  columnLabel,
  guessMapping,
  type ImportChoices,
  type ImportProblems,
} from '#actions/applications/import/import_fields'
import * as limits from '#actions/applications/import/import_limits'
import {
  StoreImportUpload,
  deleteImportUpload,
  findImportUpload,
  type ImportUpload,
} from '#actions/applications/import/import_uploads'
import PreviewImport from '#actions/applications/import/preview_import'
import ImportApplications, { importSummary } from '#actions/applications/import/import_applications'
import { cellText } from '#actions/applications/import/read_import_file'
import {
  importChoicesFrom,
  importChoicesQuery,
  importChoicesValidator,
} from '#validators/application_import'
import type Cohort from '#models/cohort'

const EXPIRED =
  'Ce fichier n’est plus disponible (il a déjà été importé, ou déposé il y a plus d’un jour). Déposez-le à nouveau.'

/**
 * Importing a referral list into a cohort's pipeline (coordinators,
 * admins), in four steps that work without JavaScript: upload (checked
 * and kept on the private disk), choice of columns, preview with an
 * error per row, import all or nothing.
 */
export default class ApplicationImportsController {
  async create({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    return view.render('pages/coordinator/applications/import/upload', { cohort, limits })
  }

  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohort = await findCohort(user.organizationId, params.id)
    const file = request.file('file')
    const result = await new StoreImportUpload().handle({
      cohort,
      user,
      file: file?.tmpPath
        ? { name: file.clientName, size: file.size, read: () => readFile(file.tmpPath!) }
        : null,
    })
    if (!result.stored) {
      session.flash('inputErrorsBag', { file: [result.message] })
      return response
        .redirect()
        .toRoute('coordinator.applications.import.create', { id: cohort.id })
    }
    return response
      .redirect()
      .toRoute(
        'coordinator.applications.import.mapping',
        { id: cohort.id },
        { qs: { upload: result.token } }
      )
  }

  async mapping({ auth, params, request, response, session, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const payload = await request.validateUsing(importChoicesValidator)
    const upload = await findImportUpload(cohort, payload.upload)
    if (!upload) return this.expired(cohort, response, session)
    // Back from the preview the choices are kept; a new upload gets a guess.
    const chosen = importChoicesFrom(payload)
    const choices = payload.columns
      ? chosen
      : { mapping: guessMapping(upload.sheet.headers), source: chosen.source }
    return this.renderMapping(view, cohort, upload, choices, {})
  }

  async preview({ auth, params, request, response, session, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const payload = await request.validateUsing(importChoicesValidator)
    const upload = await findImportUpload(cohort, payload.upload)
    if (!upload) return this.expired(cohort, response, session)
    const choices = importChoicesFrom(payload)
    const preview = await new PreviewImport().handle({ cohort, sheet: upload.sheet, choices })
    if (Object.keys(preview.problems).length) {
      return this.renderMapping(view, cohort, upload, choices, preview.problems)
    }
    return view.render('pages/coordinator/applications/import/preview', {
      cohort,
      upload,
      preview,
      fields: IMPORT_FIELDS.filter((field) => choices.mapping[field.key] !== undefined),
      sourceLabel: APPLICATION_SOURCE_LABELS[choices.source!],
      query: importChoicesQuery(upload.token, choices),
    })
  }

  async confirm({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const cohort = await findCohort(user.organizationId, params.id)
    const payload = await request.validateUsing(importChoicesValidator)
    const upload = await findImportUpload(cohort, payload.upload)
    if (!upload) return this.expired(cohort, response, session)
    const choices = importChoicesFrom(payload)
    const result = await new ImportApplications().handle({
      cohort,
      user,
      sheet: upload.sheet,
      choices,
      filename: upload.meta.filename,
    })
    if (!result.imported) {
      session.flash('error', result.reason)
      return response
        .redirect()
        .toRoute(
          'coordinator.applications.import.preview',
          { id: cohort.id },
          { qs: importChoicesQuery(upload.token, choices) }
        )
    }
    await deleteImportUpload(cohort, upload.token)
    session.flash('success', importSummary(result))
    return response.redirect().toRoute('coordinator.applications.index', { id: cohort.id })
  }

  private expired(
    cohort: Cohort,
    response: HttpContext['response'],
    session: HttpContext['session']
  ) {
    session.flash('error', EXPIRED)
    return response.redirect().toRoute('coordinator.applications.import.create', { id: cohort.id })
  }

  private renderMapping(
    view: HttpContext['view'],
    cohort: Cohort,
    upload: ImportUpload,
    choices: ImportChoices,
    problems: ImportProblems
  ) {
    const { headers, rows } = upload.sheet
    const columns = headers.map((_, index) => ({
      value: String(index),
      label: columnLabel(headers, index),
      examples: rows
        .map((row) => cellText(row.cells[index] ?? null))
        .filter((text) => text !== '')
        .slice(0, 3),
    }))
    return view.render('pages/coordinator/applications/import/mapping', {
      cohort,
      upload,
      fields: IMPORT_FIELDS,
      columns,
      choices,
      problems,
      sources: Object.entries(APPLICATION_SOURCE_LABELS).map(([value, label]) => ({
        value,
        label,
      })),
    })
  }
}
