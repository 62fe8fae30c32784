import type { AttendanceSheet } from '#actions/attendance_documents/load_attendance_sheets'
import { createPdf, fileSlug, finishPdf, pdfSafe } from '#exports/pdf_document'

const ROW_HEIGHT = 30
const HEADER_FILL = '#e8e8e8'
const INK = '#000000'

/**
 * The attendance sheets ("feuilles d'émargement") as a PDF, A4 portrait:
 * each session starts a page with the organisation, programme, cohort,
 * module, trainer, day, times and half-day; one line per trainee with the
 * proof of their signature, or an empty box to sign on paper; the
 * trainer's signature (or its box) at the end. Long lists go on to the
 * next page with the headings repeated. Returns the ended document, ready
 * to stream.
 */
export function buildAttendanceSheetPdf({
  sheets,
  title,
  footer,
  emptyMessage,
}: {
  sheets: AttendanceSheet[]
  title: string
  footer: string
  emptyMessage?: string
}) {
  const doc = createPdf({ title, author: sheets[0]?.organization.name ?? 'Cohorte' })
  if (!sheets.length) {
    doc.font('Helvetica-Bold').fontSize(16).text(pdfSafe(title))
    doc
      .moveDown()
      .font('Helvetica')
      .fontSize(11)
      .text(pdfSafe(emptyMessage ?? 'Aucune séance.'))
  }
  sheets.forEach((sheet, index) => {
    if (index > 0) doc.addPage()
    drawSheet(doc, sheet)
  })
  return finishPdf(doc, footer)
}

function drawSheet(doc: PDFKit.PDFDocument, sheet: AttendanceSheet) {
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(pdfSafe(sheet.organization.name), left, doc.page.margins.top)
  if (sheet.organization.identifiers) {
    doc.font('Helvetica').fontSize(8).text(pdfSafe(sheet.organization.identifiers))
  }
  doc
    .moveDown(0.6)
    .font('Helvetica-Bold')
    .fontSize(16)
    .text('Feuille d’émargement', { align: 'center' })
  doc.moveDown(0.6)

  const top = doc.y
  const half = width / 2
  const detail = (label: string, value: string, x: number, y: number) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`${label} : `, x, y, { continued: true, width: half - 10 })
    doc.font('Helvetica').text(pdfSafe(value))
    return doc.y + 2
  }
  let y1 = top
  y1 = detail('Programme', sheet.programme, left, y1)
  y1 = detail('Promotion', sheet.cohort, left, y1)
  y1 = detail('Module', sheet.module, left, y1)
  y1 = detail('Formateur ou formatrice', sheet.trainer, left, y1)
  let y2 = top
  y2 = detail('Date', sheet.day, left + half, y2)
  y2 = detail('Horaires', `${sheet.time} (${sheet.duration})`, left + half, y2)
  y2 = detail('Demi-journée', sheet.halfDay, left + half, y2)
  y2 = detail('Lieu', sheet.place || '—', left + half, y2)
  doc.y = Math.max(y1, y2) + 6
  doc.x = left

  if (sheet.isCancelled) {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#b00020').text('Séance annulée', left)
    doc.fillColor(INK).moveDown(0.4)
  }
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(
      'Une signature par demi-journée. La case reste vide en cas d’absence ; le retard ou le départ anticipé est indiqué à côté.',
      left,
      doc.y,
      { width }
    )
  doc.moveDown(0.5)

  const columns = [
    { header: 'N°', width: 30 },
    { header: 'Stagiaire', width: 200 },
    { header: 'Émargement', width: width - 230 },
  ]
  const header = () => {
    const y = doc.y
    let x = left
    doc.font('Helvetica-Bold').fontSize(9)
    for (const column of columns) {
      doc.rect(x, y, column.width, 20).fillAndStroke(HEADER_FILL, INK)
      doc
        .fillColor(INK)
        .text(column.header, x + 5, y + 6, { width: column.width - 10, lineBreak: false })
      x += column.width
    }
    doc.y = y + 20
  }
  const bottom = () => doc.page.height - doc.page.margins.bottom

  header()
  if (!sheet.lines.length) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .text('Aucun stagiaire inscrit ce jour-là.', left + 5, doc.y + 8)
    doc.moveDown()
  }
  sheet.lines.forEach((line, index) => {
    if (doc.y + ROW_HEIGHT > bottom()) {
      doc.addPage()
      doc.font('Helvetica-Bold').fontSize(10).fillColor(INK)
      doc.text(
        pdfSafe(
          `Feuille d’émargement (suite) – ${sheet.module} – ${sheet.day}, ${sheet.halfDay.toLowerCase()}`
        ),
        left,
        doc.page.margins.top
      )
      doc.moveDown(0.5)
      header()
    }
    const y = doc.y
    let x = left
    for (const column of columns) {
      doc.rect(x, y, column.width, ROW_HEIGHT).stroke(INK)
      x += column.width
    }
    doc.fillColor(INK).font('Helvetica').fontSize(9)
    doc.text(String(index + 1), left + 5, y + 11, { width: 20, lineBreak: false })
    doc.text(pdfSafe(line.name), left + 35, y + 11, {
      width: 190,
      lineBreak: false,
      ellipsis: true,
    })
    const signX = left + 230
    if (line.proof) {
      doc.text(pdfSafe(line.proof), signX + 5, y + 11, {
        width: columns[2].width - 10,
        lineBreak: false,
        ellipsis: true,
      })
    } else {
      // The box to sign in on paper.
      doc.dash(2, { space: 2 })
      doc.rect(signX + 5, y + 4, 160, ROW_HEIGHT - 8).stroke('#555555')
      doc.undash().strokeColor(INK)
      if (line.note) {
        doc.fontSize(8).text(pdfSafe(line.note), signX + 172, y + 11, {
          width: columns[2].width - 177,
          lineBreak: false,
        })
      }
    }
    doc.y = y + ROW_HEIGHT
  })

  const boxHeight = 60
  if (doc.y + boxHeight + 30 > bottom()) doc.addPage()
  doc.moveDown(1)
  const y = doc.y
  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(9)
    .text('Signature du formateur ou de la formatrice', left, y)
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(pdfSafe(sheet.trainer), left, doc.y + 2)
  if (sheet.trainerProof) {
    doc.text(pdfSafe(sheet.trainerProof), left + 260, y, { width: width - 260 })
  } else {
    doc.rect(left + 260, y, 220, boxHeight).stroke(INK)
  }
  doc.y = y + boxHeight + 6
  doc.x = left
}

/**
 * One session's sheet, with its file name.
 */
export function buildSessionSheetPdf(sheet: AttendanceSheet, editedOn: string) {
  const title = `Feuille d’émargement – ${sheet.cohort} – ${sheet.day}, ${sheet.halfDay.toLowerCase()}`
  return {
    doc: buildAttendanceSheetPdf({
      sheets: [sheet],
      title,
      footer: `${title} – éditée le ${editedOn}`,
    }),
    filename: `emargement-${fileSlug(sheet.cohort)}-${sheet.sessionId}.pdf`,
  }
}

/**
 * A cohort's sheets for one week (one per session), with its file name.
 */
export function buildWeekSheetsPdf({
  sheets,
  cohortName,
  weekLabel,
  weekValue,
  editedOn,
}: {
  sheets: AttendanceSheet[]
  cohortName: string
  weekLabel: string
  weekValue: string
  editedOn: string
}) {
  const title = `Feuilles d’émargement – ${cohortName} – semaine du ${weekLabel}`
  return {
    doc: buildAttendanceSheetPdf({
      sheets,
      title,
      footer: `${title} – éditées le ${editedOn}`,
      emptyMessage: `Aucune séance pour la promotion la semaine du ${weekLabel}.`,
    }),
    filename: `emargement-${fileSlug(cohortName)}-semaine-${weekValue}.pdf`,
  }
}
