import { finishPdf } from '#exports/pdf_document'
import { CERTIFICATION_RESULT_LABELS } from '#actions/outcomes/outcome_labels'
import {
  hoursFromMinutes,
  openCompletionDocument,
  pdfDate,
  placeOf,
  type CompletionDocumentData,
} from '#exports/completion_certificate_pdf'

/**
 * The end-of-training attestation ("attestation de fin de formation",
 * art. L6353-1 of the Labour code) of one trainee: objectives (the
 * programme's description and modules), nature, duration, dates, hours
 * attended and the assessment result in words. Returns the ended
 * document, ready to stream.
 */
export function buildTrainingAttestationPdf({
  organization,
  enrollment,
  attendedMinutes,
}: CompletionDocumentData) {
  const trainee = enrollment.trainee
  const cohort = enrollment.cohort
  const programme = cohort.programme
  const title = 'Attestation de fin de formation'
  const { doc, write, period } = openCompletionDocument(title, { organization, enrollment })

  write.heading('Stagiaire')
  write.line('Nom et prénom', `${trainee.lastName.toUpperCase()} ${trainee.firstName}`)

  write.heading('Formation suivie')
  write.line('Intitulé', programme.title)
  write.line('Nature de l’action', 'action de formation (article L6313-1 du Code du travail)')
  if (programme.certificationCode) write.line('Certification visée', programme.certificationCode)
  write.line('Dates', `du ${pdfDate(period.from)} au ${pdfDate(period.to)}`)
  write.line('Durée prévue', `${programme.totalHours} h`)
  write.line('Heures suivies (présence constatée)', hoursFromMinutes(attendedMinutes))
  write.line('Lieu', placeOf(enrollment))

  write.heading('Objectifs de la formation')
  write.paragraph(programme.description || 'Non précisés.')
  const modules = programme.modules ?? []
  if (modules.length) {
    doc.moveDown(0.3)
    write.paragraph('Contenu (modules) :')
    for (const module of modules) {
      write.paragraph(`– ${module.title} (${Number(module.plannedHours)} h)`)
    }
  }

  write.heading('Résultats de l’évaluation des acquis')
  write.paragraph(
    enrollment.certificationResult
      ? CERTIFICATION_RESULT_LABELS[enrollment.certificationResult]
      : 'Pas de résultat enregistré.'
  )

  write.signature(organization, cohort.site?.city ?? '—')
  return finishPdf(doc, `${title} – ${trainee.fullName} – ${programme.title}`)
}
