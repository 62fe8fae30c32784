import { PassThrough } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { findCohort } from '#actions/cohorts/find_cohort'
import { applicationStatusOrNull } from '#actions/applications/pipeline_labels'
import BuildPipelineExport, {
  XLSX_CONTENT_TYPE,
  pipelineExportFilename,
} from '#exports/pipeline_export'

/**
 * A cohort's pipeline as a spreadsheet (coordinators, admins), streamed
 * as it is written; `?statut=` keeps the list's filter.
 */
export default class ApplicationExportsController {
  async show({ auth, params, request, response }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const status = applicationStatusOrNull(request.input('statut'))
    const stream = new PassThrough()
    response.header('content-type', XLSX_CONTENT_TYPE)
    response.header(
      'content-disposition',
      `attachment; filename="${pipelineExportFilename(cohort, status)}"`
    )
    response.header('cache-control', 'no-store')
    response.stream(stream)
    new BuildPipelineExport().handle({ cohort, status, stream }).catch((error) => {
      logger.error({ err: error, cohortId: cohort.id }, 'pipeline export failed')
      stream.destroy(error)
    })
  }
}
