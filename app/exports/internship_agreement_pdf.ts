import type Internship from '#models/internship'
import type Organization from '#models/organization'
import { createPdf, finishPdf, pdfSafe } from '#exports/pdf_document'
import { KIND_LABELS, formatHours } from '#actions/internships/internship_labels'

const INK = '#000000'

/**
 * Everything the agreement says, loaded by the caller: the internship
 * with its enrollment (trainee, cohort, programme), company and tutor,
 * and the organisation.
 */
export type AgreementData = { internship: Internship; organization: Organization }

const date = (value: { toFormat(format: string): string } | null | undefined) =>
  value ? value.toFormat('dd/MM/yyyy') : '—'

const address = (line: string | null, postalCode: string | null, city: string | null) =>
  [line, [postalCode, city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'

/**
 * The tripartite internship agreement (organisation, company, trainee) or
 * the PMSMP agreement, written from the recorded data, with three
 * signature blocks. Returns the ended document, ready to stream.
 */
export function buildInternshipAgreementPdf({ internship, organization }: AgreementData) {
  const enrollment = internship.enrollment
  const trainee = enrollment.trainee
  const cohort = enrollment.cohort
  const company = internship.partnerCompany
  const tutor = internship.tutor
  const isPmsmp = internship.kind === 'pmsmp'
  const title = isPmsmp
    ? 'Convention de période de mise en situation en milieu professionnel (PMSMP)'
    : 'Convention de stage tripartite'

  const doc = createPdf({ title: `${title} – ${trainee.fullName}`, author: organization.name })
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  const heading = (text: string) => {
    doc.moveDown(0.6)
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(pdfSafe(text), left)
    doc.moveDown(0.2)
  }
  const line = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfSafe(`${label} : `), left, undefined, {
        continued: true,
        width,
      })
    doc.font('Helvetica').text(pdfSafe(value))
  }
  const paragraph = (label: string, value: string | null) => {
    doc.font('Helvetica-Bold').fontSize(9).text(pdfSafe(label), left)
    doc.font('Helvetica').text(pdfSafe(value || 'Non précisé'), left, undefined, { width })
    doc.moveDown(0.3)
  }

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(15).text(pdfSafe(title), { width })
  doc.moveDown(0.3)
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      pdfSafe(
        isPmsmp
          ? 'Articles L5135-1 et suivants et D5135-1 et suivants du Code du travail.'
          : 'Stage en milieu professionnel d’une formation professionnelle continue (articles L6353-1 et suivants du Code du travail).'
      ),
      { width }
    )

  heading('Entre l’organisme de formation')
  line('Raison sociale', organization.name)
  line('SIRET', organization.siret ?? '—')
  line('Numéro de déclaration d’activité', organization.nda ?? '—')

  heading('L’entreprise d’accueil')
  line('Raison sociale', company.name)
  line('SIRET', company.siret ?? '—')
  line('Adresse', address(company.addressLine, company.postalCode, company.city))

  heading(isPmsmp ? 'Et la personne bénéficiaire' : 'Et le ou la stagiaire')
  line('Nom et prénom', `${trainee.lastName.toUpperCase()} ${trainee.firstName}`)
  line('Date de naissance', date(trainee.birthDate))
  line('Adresse', address(trainee.addressLine, trainee.postalCode, trainee.city))
  line('Formation suivie', cohort.programme.title)
  line('Promotion', `${cohort.name} (du ${date(cohort.startsOn)} au ${date(cohort.endsOn)})`)

  if (isPmsmp) {
    heading('Prescription')
    line('Prescripteur', internship.prescriber ?? '—')
  }

  heading(`Article 1 – ${KIND_LABELS[internship.kind]}`)
  line('Du', `${date(internship.startsOn)} au ${date(internship.endsOn)} inclus`)
  line('Durée totale de présence', formatHours(internship.hoursTotal))
  line('Durée hebdomadaire', formatHours(internship.weeklyHours))
  line('Lieu', internship.place || address(company.addressLine, company.postalCode, company.city))
  line(
    'Tuteur ou tutrice',
    tutor
      ? [tutor.fullName, tutor.role, tutor.phone, tutor.email].filter(Boolean).join(' – ')
      : 'À désigner par l’entreprise'
  )

  heading('Article 2 – Activités confiées')
  paragraph('Activités', internship.tasks)
  heading('Article 3 – Objectifs opérationnels')
  paragraph('Objectifs', internship.objectives)
  heading('Article 4 – Modalités d’évaluation')
  paragraph('Évaluation', internship.evaluationMethod)

  heading('Article 5 – Engagements')
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(
      pdfSafe(
        isPmsmp
          ? 'La personne bénéficiaire conserve son statut et sa rémunération ou indemnisation pendant la période. La structure d’accueil ne peut pas lui confier une tâche dangereuse ni la faire travailler au-delà de la durée prévue. L’organisme de formation suit la période et recueille le bilan du tuteur ou de la tutrice.'
          : 'Le ou la stagiaire reste sous la responsabilité de l’organisme de formation et conserve son statut de stagiaire de la formation professionnelle. L’entreprise désigne un tuteur ou une tutrice, respecte les durées prévues et informe l’organisme de toute absence ou difficulté. L’organisme suit le stage et recueille l’évaluation du tuteur ou de la tutrice.'
      ),
      left,
      undefined,
      { width }
    )

  // Three boxes side by side, kept together on one page.
  const boxHeight = 95
  if (doc.y + boxHeight + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.moveDown(1)
  doc.font('Helvetica-Bold').fontSize(11).text(pdfSafe('Signatures'), left)
  doc.moveDown(0.3)
  const top = doc.y
  const gap = 10
  const boxWidth = (width - 2 * gap) / 3
  const blocks = [
    ['Pour l’organisme de formation', organization.name],
    ['Pour l’entreprise d’accueil', company.name],
    [isPmsmp ? 'La personne bénéficiaire' : 'Le ou la stagiaire', trainee.fullName],
  ]
  blocks.forEach(([role, name], index) => {
    const x = left + index * (boxWidth + gap)
    doc.lineWidth(0.7).strokeColor(INK).rect(x, top, boxWidth, boxHeight).stroke()
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(pdfSafe(role), x + 5, top + 5, { width: boxWidth - 10 })
    doc.font('Helvetica').text(pdfSafe(name), x + 5, undefined, { width: boxWidth - 10 })
    doc.text(pdfSafe('Date et signature :'), x + 5, top + boxHeight - 20, {
      width: boxWidth - 10,
    })
  })
  doc.x = left
  doc.y = top + boxHeight + 10

  return finishPdf(doc, `${title} – ${trainee.fullName} – ${company.name}`)
}
