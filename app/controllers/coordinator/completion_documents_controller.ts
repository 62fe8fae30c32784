import type { HttpContext } from '@adonisjs/core/http'
import { findCohort } from '#actions/cohorts/find_cohort'
import {
  buildCohortDocumentsZip,
  completionData,
  documentFileName,
  findDocumentEnrollment,
} from '#actions/reports/completion_documents'
import { buildCompletionCertificatePdf } from '#exports/completion_certificate_pdf'
import { buildTrainingAttestationPdf } from '#exports/training_attestation_pdf'
import { fileSlug, streamPdf } from '#exports/pdf_document'
import { ENROLLMENT_STATUS_LABELS } from '#actions/applications/pipeline_application_page'

/**
 * A trainee's certificate of completion and end-of-training attestation,
 * one by one or for a whole cohort as a ZIP (coordinators, admins; 404
 * outside the organisation).
 */
export default class CompletionDocumentsController {
  /**
   * The cohort's trainees with links to their two documents, and the ZIP.
   */
  async index({ auth, params, view }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const enrollments = await cohort
      .related('enrollments')
      .query()
      .where('organization_id', cohort.organizationId)
      .preload('trainee')
    enrollments.sort((a, b) =>
      `${a.trainee.lastName} ${a.trainee.firstName}`.localeCompare(
        `${b.trainee.lastName} ${b.trainee.firstName}`,
        'fr'
      )
    )
    return view.render('pages/coordinator/completion_documents/index', {
      cohort,
      enrollments,
      statusLabels: ENROLLMENT_STATUS_LABELS,
    })
  }

  async certificate({ auth, params, response }: HttpContext) {
    const enrollment = await findDocumentEnrollment(auth.getUserOrFail().organizationId, params.id)
    const doc = buildCompletionCertificatePdf(await completionData(enrollment))
    return streamPdf(response, doc, documentFileName('certificat-realisation', enrollment))
  }

  async attestation({ auth, params, response }: HttpContext) {
    const enrollment = await findDocumentEnrollment(auth.getUserOrFail().organizationId, params.id)
    const doc = buildTrainingAttestationPdf(await completionData(enrollment))
    return streamPdf(response, doc, documentFileName('attestation-fin-formation', enrollment))
  }

  async cohortZip({ auth, params, response }: HttpContext) {
    const cohort = await findCohort(auth.getUserOrFail().organizationId, params.id)
    const zip = await buildCohortDocumentsZip(cohort)
    response.header('content-type', 'application/zip')
    response.header(
      'content-disposition',
      `attachment; filename="documents-fin-formation-${fileSlug(cohort.name)}.zip"`
    )
    response.header('cache-control', 'private, no-store')
    return response.send(zip)
  }
}
