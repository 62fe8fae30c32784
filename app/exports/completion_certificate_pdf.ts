import { DateTime } from 'luxon'
import type Enrollment from '#models/enrollment'
import type Organization from '#models/organization'
import { createPdf, finishPdf, pdfSafe } from '#exports/pdf_document'
import { PARIS } from '#services/sql_time'

const INK = '#000000'

/**
 * What the completion documents need, loaded by the caller: the
 * enrollment with its trainee and cohort (site, programme with modules),
 * the organisation, and the minutes attended (ComputeAttendance).
 */
export type CompletionDocumentData = {
  organization: Organization
  enrollment: Enrollment
  attendedMinutes: number
}

export const pdfDate = (value: DateTime | null | undefined) =>
  value ? value.toFormat('dd/MM/yyyy') : '—'

/**
 * "123,5 h" from minutes.
 */
export const hoursFromMinutes = (minutes: number) =>
  `${(Math.round((minutes / 60) * 100) / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} h`

/**
 * The trainee's own dates: her entry, and her exit or the cohort's end.
 */
export function enrollmentPeriod(enrollment: Enrollment) {
  const cohort = enrollment.cohort
  return {
    from: enrollment.startsOn ?? cohort.startsOn,
    to: enrollment.exitOn ?? enrollment.endsOn ?? cohort.endsOn,
  }
}

/**
 * Shared writing helpers of the two completion documents.
 */
export function documentWriter(doc: PDFKit.PDFDocument) {
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  return {
    left,
    width,
    heading(text: string) {
      doc.moveDown(0.8)
      doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(pdfSafe(text), left)
      doc.moveDown(0.2)
    },
    line(label: string, value: string) {
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor(INK)
        .text(pdfSafe(`${label} : `), left, undefined, { continued: true, width })
      doc.font('Helvetica').text(pdfSafe(value))
    },
    paragraph(text: string) {
      doc.font('Helvetica').fontSize(10).fillColor(INK).text(pdfSafe(text), left, undefined, {
        width,
      })
    },
    signature(organization: Organization, place: string) {
      const boxHeight = 100
      if (doc.y + boxHeight + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage()
      doc.moveDown(1.5)
      const today = DateTime.now().setZone(PARIS).toFormat('dd/MM/yyyy')
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(pdfSafe(`Fait à ${place}, le ${today}.`), left)
      doc.moveDown(0.6)
      const boxWidth = width / 2
      const x = left + width - boxWidth
      const top = doc.y
      doc.lineWidth(0.7).strokeColor(INK).rect(x, top, boxWidth, boxHeight).stroke()
      doc
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(pdfSafe('Pour l’organisme de formation'), x + 6, top + 6, { width: boxWidth - 12 })
      doc.font('Helvetica').text(pdfSafe(organization.name), x + 6, undefined, {
        width: boxWidth - 12,
      })
      doc.text(
        pdfSafe(
          'Nom, qualité et signature du représentant légal (ou de son délégataire), cachet :'
        ),
        x + 6,
        undefined,
        { width: boxWidth - 12 }
      )
      doc.x = left
      doc.y = top + boxHeight + 10
    },
  }
}

/**
 * A completion document begun: the PDF (titled for the trainee), its
 * writer, the enrollment's period, and the top both documents share — the
 * title, the legal basis and the training organisation (name, SIRET, NDA).
 */
export function openCompletionDocument(
  title: string,
  { organization, enrollment }: Pick<CompletionDocumentData, 'organization' | 'enrollment'>
) {
  const doc = createPdf({
    title: `${title} – ${enrollment.trainee.fullName}`,
    author: organization.name,
  })
  const write = documentWriter(doc)
  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(pdfSafe(title), { width: write.width })
  doc.moveDown(0.2)
  write.paragraph('Article L6353-1 du Code du travail.')

  write.heading('L’organisme de formation')
  write.line('Raison sociale', organization.name)
  write.line('SIRET', organization.siret ?? '—')
  write.line('Numéro de déclaration d’activité (NDA)', organization.nda ?? '—')
  return { doc, write, period: enrollmentPeriod(enrollment) }
}

/**
 * Where the training took place: the cohort's site.
 */
export function placeOf(enrollment: Enrollment) {
  const site = enrollment.cohort.site
  if (!site) return '—'
  const town = [site.postalCode, site.city].filter(Boolean).join(' ')
  return [site.name, site.address, town].filter(Boolean).join(', ')
}

/**
 * The certificate of completion ("certificat de réalisation", art.
 * L6353-1 of the Labour code) of one trainee: organisation with its NDA,
 * trainee, action, dates, hours attended, place and the signature block.
 * Returns the ended document, ready to stream.
 */
export function buildCompletionCertificatePdf({
  organization,
  enrollment,
  attendedMinutes,
}: CompletionDocumentData) {
  const trainee = enrollment.trainee
  const cohort = enrollment.cohort
  const programme = cohort.programme
  const title = 'Certificat de réalisation'
  const { doc, write, period } = openCompletionDocument(title, { organization, enrollment })

  write.heading('Atteste que')
  write.line('Stagiaire', `${trainee.lastName.toUpperCase()} ${trainee.firstName}`)
  write.paragraph('a suivi l’action suivante :')
  write.line('Intitulé', programme.title)
  write.line('Nature de l’action', 'action de formation (article L6313-1 du Code du travail)')
  write.line('Promotion', cohort.name)
  write.line('Dates', `du ${pdfDate(period.from)} au ${pdfDate(period.to)}`)
  write.line('Durée prévue', `${programme.totalHours} h`)
  write.line('Heures réalisées (présence constatée)', hoursFromMinutes(attendedMinutes))
  write.line('Lieu', placeOf(enrollment))

  doc.moveDown(0.6)
  write.paragraph(
    'Sans préjudice des délais imposés par les règles fixées par le financeur, les pièces justificatives ' +
      'ayant permis d’établir ce certificat (feuilles d’émargement) sont à conserver pendant 3 ans ' +
      'à compter de la fin de l’année du dernier paiement.'
  )

  write.signature(organization, cohort.site?.city ?? '—')
  return finishPdf(doc, `${title} – ${trainee.fullName} – ${programme.title}`)
}
