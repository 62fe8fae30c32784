import JSZip from 'jszip'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Organization from '#models/organization'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import { fileSlug } from '#exports/pdf_document'
import {
  buildCompletionCertificatePdf,
  type CompletionDocumentData,
} from '#exports/completion_certificate_pdf'
import { buildTrainingAttestationPdf } from '#exports/training_attestation_pdf'

/**
 * An enrollment of the organisation with everything its completion
 * documents say (404 for another organisation's id).
 */
export async function findDocumentEnrollment(organizationId: number | null, id: unknown) {
  return Enrollment.query()
    .where('organization_id', organizationId ?? 0)
    .where('id', Number(id))
    .preload('trainee')
    .preload('cohort', (cohort) =>
      cohort.preload('site').preload('programme', (programme) => programme.preload('modules'))
    )
    .firstOrFail()
}

/**
 * The data of one enrollment's documents: the organisation, and the hours
 * attended from ComputeAttendance (the one place hours are counted).
 */
export async function completionData(enrollment: Enrollment): Promise<CompletionDocumentData> {
  const organization = await Organization.findOrFail(enrollment.organizationId)
  const figures = await new ComputeAttendance().forEnrollment(enrollment)
  return { organization, enrollment, attendedMinutes: figures.attendedMinutes }
}

/**
 * "certificat-realisation-dupont-marie.pdf".
 */
export function documentFileName(
  kind: 'certificat-realisation' | 'attestation-fin-formation',
  enrollment: Enrollment
) {
  const trainee = enrollment.trainee
  return `${kind}-${fileSlug(`${trainee.lastName} ${trainee.firstName}`)}.pdf`
}

async function toBuffer(doc: PDFKit.PDFDocument) {
  const chunks: Buffer[] = []
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * Both documents of every enrollment of the cohort in one ZIP (a folder
 * per document kind is not needed: names start with the kind). Hours come
 * from one ComputeAttendance run for the whole cohort.
 */
export async function buildCohortDocumentsZip(cohort: Cohort) {
  await cohort.load('site')
  await cohort.load('programme', (programme) => programme.preload('modules'))
  const organization = await Organization.findOrFail(cohort.organizationId)
  const enrollments = await Enrollment.query()
    .where('organization_id', cohort.organizationId)
    .where('cohort_id', cohort.id)
    .preload('trainee')
    .orderBy('id')
  const attendance = await new ComputeAttendance().forCohort(cohort)
  const minutes = new Map(attendance.enrollments.map((e) => [e.enrollmentId, e.attendedMinutes]))

  const zip = new JSZip()
  const used = new Set<string>()
  // Two trainees with the same name must not overwrite each other's file.
  const unique = (name: string, enrollment: Enrollment) => {
    const finalName = used.has(name) ? name.replace(/\.pdf$/, `-${enrollment.id}.pdf`) : name
    used.add(finalName)
    return finalName
  }
  for (const enrollment of enrollments) {
    enrollment.$setRelated('cohort', cohort)
    const data = { organization, enrollment, attendedMinutes: minutes.get(enrollment.id) ?? 0 }
    zip.file(
      unique(documentFileName('certificat-realisation', enrollment), enrollment),
      await toBuffer(buildCompletionCertificatePdf(data))
    )
    zip.file(
      unique(documentFileName('attestation-fin-formation', enrollment), enrollment),
      await toBuffer(buildTrainingAttestationPdf(data))
    )
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
