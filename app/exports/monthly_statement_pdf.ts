import type { MonthlyStatement } from '#actions/attendance_documents/build_monthly_statement'
import { organizationLine, summaryLine } from '#exports/monthly_statement_xlsx'
import { createPdf, finishPdf, pdfSafe } from '#exports/pdf_document'

const INK = '#000000'
const HEADER_FILL = '#e8e8e8'
const PADDING = 3

type Column = { header: string; width: number; align?: 'left' | 'right' }

const COLUMNS: Column[] = [
  { header: 'Date', width: 75 },
  { header: 'Demi-journée', width: 60 },
  { header: 'Horaires', width: 65 },
  { header: 'Module', width: 110 },
  { header: 'Heures prévues', width: 52, align: 'right' },
  { header: 'Heures réalisées', width: 52, align: 'right' },
  { header: 'Retards, départs (h)', width: 52, align: 'right' },
  { header: 'Abs. justifiée (h)', width: 55, align: 'right' },
  { header: 'Abs. non justifiée (h)', width: 60, align: 'right' },
  { header: 'Présence', width: 130 },
  { header: 'Motif', width: 82 },
]

const number = (value: number | null) => (value === null ? '' : value.toFixed(2).replace('.', ','))

/**
 * The monthly attendance statement as a PDF (A4 landscape): the identity
 * block, one line per session, the totals and the boxes to sign. Returns
 * the ended document, ready to stream.
 */
export function buildMonthlyStatementPdf(statement: MonthlyStatement) {
  const title = `État de présence – ${statement.trainee.name} – ${statement.monthLabel}`
  const doc = createPdf({ title, author: statement.organization.name, layout: 'landscape' })
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  doc
    .fillColor(INK)
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(pdfSafe(`État de présence mensuel – ${statement.monthLabel}`))
  doc.moveDown(0.5)
  const identity: [string, string][] = [
    ['Organisme', organizationLine(statement)],
    ['Programme', statement.programme],
    [
      'Promotion',
      `${statement.cohort.name} (du ${statement.cohort.startsOn.toFormat('dd/MM/yyyy')} au ${statement.cohort.endsOn.toFormat('dd/MM/yyyy')})`,
    ],
    ['Stagiaire', statement.trainee.name],
    ['Identifiant France Travail', statement.trainee.franceTravailId ?? '—'],
  ]
  for (const [label, value] of identity) {
    doc.font('Helvetica-Bold').fontSize(9).text(`${label} : `, { continued: true })
    doc.font('Helvetica').text(pdfSafe(value))
  }
  doc.moveDown(0.8)

  const cells = statement.rows.map((entry) => [
    entry.dayLabel,
    entry.halfDay,
    entry.time,
    entry.module,
    number(entry.plannedHours),
    number(entry.attendedHours),
    number(entry.missedHours),
    number(entry.justifiedAbsenceHours),
    number(entry.unjustifiedAbsenceHours),
    entry.presence,
    entry.reason ?? '',
  ])
  const { totals } = statement
  cells.push([
    'Total',
    '',
    '',
    '',
    number(totals.plannedHours),
    number(totals.attendedHours),
    number(totals.missedHours),
    number(totals.justifiedAbsenceHours),
    number(totals.unjustifiedAbsenceHours),
    '',
    '',
  ])
  const scale = width / COLUMNS.reduce((total, column) => total + column.width, 0)
  const columns = COLUMNS.map((column) => ({ ...column, width: column.width * scale }))
  drawTable(doc, columns, cells, { boldLast: true })

  doc.moveDown(0.5).font('Helvetica').fontSize(9).fillColor(INK)
  doc.text(pdfSafe(summaryLine(statement)), left)

  if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.moveDown(1.5)
  const y = doc.y
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK)
  doc.text('Signature du ou de la stagiaire', left, y)
  doc.rect(left, y + 14, 220, 55).stroke(INK)
  doc.text('Cachet et signature de l’organisme', left + width - 260, y)
  doc.rect(left + width - 260, y + 14, 260, 55).stroke(INK)

  return finishPdf(
    doc,
    `État de présence – ${statement.trainee.name} – ${statement.monthLabel} – édité le ${statement.editedAt.toFormat('dd/MM/yyyy')}`
  )
}

/**
 * A table whose cells wrap, its header repeated on each new page.
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: string[][],
  options: { boldLast?: boolean } = {}
) {
  const left = doc.page.margins.left
  const bottom = () => doc.page.height - doc.page.margins.bottom
  const heightOf = (values: string[], font: string) => {
    doc.font(font).fontSize(8)
    return (
      Math.max(
        ...values.map((value, index) =>
          doc.heightOfString(pdfSafe(value) || ' ', { width: columns[index].width - 2 * PADDING })
        )
      ) +
      2 * PADDING
    )
  }
  const drawRow = (values: string[], font: string, fill: string | null) => {
    const height = heightOf(values, font)
    const y = doc.y
    let x = left
    values.forEach((value, index) => {
      const column = columns[index]
      if (fill) doc.rect(x, y, column.width, height).fillAndStroke(fill, INK)
      else doc.rect(x, y, column.width, height).stroke(INK)
      doc.fillColor(INK).font(font).fontSize(8)
      doc.text(pdfSafe(value), x + PADDING, y + PADDING, {
        width: column.width - 2 * PADDING,
        align: column.align ?? 'left',
      })
      x += column.width
    })
    doc.x = left
    doc.y = y + height
  }
  const headers = columns.map((column) => column.header)
  drawRow(headers, 'Helvetica-Bold', HEADER_FILL)
  rows.forEach((values, index) => {
    const font = options.boldLast && index === rows.length - 1 ? 'Helvetica-Bold' : 'Helvetica'
    if (doc.y + heightOf(values, font) > bottom()) {
      doc.addPage()
      drawRow(headers, 'Helvetica-Bold', HEADER_FILL)
    }
    drawRow(values, font, null)
  })
}
