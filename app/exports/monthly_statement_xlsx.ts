import ExcelJS from 'exceljs'
import type { MonthlyStatement } from '#actions/attendance_documents/build_monthly_statement'

const HOURS_FORMAT = '0.00'
const DATE_FORMAT = 'dd/mm/yyyy'

const COLUMNS = [
  { header: 'Date', width: 12 },
  { header: 'Demi-journée', width: 13 },
  { header: 'Horaires', width: 14 },
  { header: 'Module', width: 30 },
  { header: 'Heures prévues', width: 10 },
  { header: 'Heures réalisées', width: 10 },
  { header: 'Retards et départs anticipés (h)', width: 12 },
  { header: 'Absence justifiée (h)', width: 12 },
  { header: 'Absence non justifiée (h)', width: 12 },
  { header: 'Présence', width: 42 },
  { header: 'Motif', width: 30 },
]

/**
 * A day as ExcelJS writes it: midnight UTC of that calendar day, so that
 * the spreadsheet shows the same day whatever its time zone.
 */
function excelDay(date: MonthlyStatement['month']) {
  return new Date(Date.UTC(date.year, date.month - 1, date.day))
}

/**
 * The monthly attendance statement as a spreadsheet: the identity block
 * (organisation, programme, cohort, trainee, month), one row per session
 * with real dates and hour numbers, a totals row (formulas with their
 * values) and the lines to sign. The header row stays in view.
 */
export async function buildMonthlyStatementXlsx(statement: MonthlyStatement) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = statement.organization.name
  workbook.created = statement.editedAt.toJSDate()
  const sheet = workbook.addWorksheet('État de présence', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  })
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }))

  const identity: [string, string][] = [
    ['Organisme', organizationLine(statement)],
    ['Programme', statement.programme],
    [
      'Promotion',
      `${statement.cohort.name} (du ${statement.cohort.startsOn.toFormat('dd/MM/yyyy')} au ${statement.cohort.endsOn.toFormat('dd/MM/yyyy')})`,
    ],
    ['Stagiaire', statement.trainee.name],
    ['Identifiant France Travail', statement.trainee.franceTravailId ?? '—'],
    ['Mois', statement.monthLabel],
  ]
  const title = sheet.getRow(1)
  title.getCell(1).value = `État de présence mensuel – ${statement.monthLabel}`
  title.font = { bold: true, size: 14 }
  identity.forEach(([label, value], index) => {
    const line = sheet.getRow(index + 2)
    line.getCell(1).value = label
    line.getCell(1).font = { bold: true }
    line.getCell(3).value = value
  })

  const headerRowNumber = identity.length + 3
  const header = sheet.getRow(headerRowNumber)
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1)
    cell.value = column.header
    cell.font = { bold: true }
    cell.alignment = { wrapText: true, vertical: 'middle' }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  header.height = 32

  const firstDataRow = headerRowNumber + 1
  statement.rows.forEach((entry, index) => {
    const line = sheet.getRow(firstDataRow + index)
    line.values = [
      excelDay(entry.date),
      entry.halfDay,
      entry.time,
      entry.module,
      entry.plannedHours,
      entry.attendedHours,
      entry.missedHours,
      entry.justifiedAbsenceHours,
      entry.unjustifiedAbsenceHours,
      entry.presence,
      entry.reason ?? '',
    ]
    line.getCell(1).numFmt = DATE_FORMAT
    for (const column of [5, 6, 7, 8, 9]) line.getCell(column).numFmt = HOURS_FORMAT
  })

  const lastDataRow = firstDataRow + statement.rows.length - 1
  const totals = sheet.getRow(lastDataRow + 1)
  totals.getCell(1).value = 'Total'
  const sums: [number, string, number][] = [
    [5, 'E', statement.totals.plannedHours],
    [6, 'F', statement.totals.attendedHours],
    [7, 'G', statement.totals.missedHours],
    [8, 'H', statement.totals.justifiedAbsenceHours],
    [9, 'I', statement.totals.unjustifiedAbsenceHours],
  ]
  for (const [column, letter, result] of sums) {
    const cell = totals.getCell(column)
    cell.value = statement.rows.length
      ? { formula: `SUM(${letter}${firstDataRow}:${letter}${lastDataRow})`, result }
      : 0
    cell.numFmt = HOURS_FORMAT
  }
  totals.font = { bold: true }
  totals.eachCell((cell) => {
    cell.border = { top: { style: 'thin' } }
  })

  const signatures = sheet.getRow(lastDataRow + 4)
  signatures.getCell(1).value = 'Signature du ou de la stagiaire :'
  signatures.getCell(6).value = 'Cachet et signature de l’organisme :'
  signatures.font = { bold: true }
  sheet.getRow(lastDataRow + 2).getCell(1).value = summaryLine(statement)
  sheet.getRow(lastDataRow + 3).getCell(1).value =
    `Édité le ${statement.editedAt.toFormat('dd/MM/yyyy')} : les heures réalisées suivent les feuilles d’émargement.`

  sheet.views = [{ state: 'frozen', ySplit: headerRowNumber, xSplit: 0 }]
  sheet.pageSetup.printTitlesRow = `${headerRowNumber}:${headerRowNumber}`

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export function organizationLine(statement: MonthlyStatement) {
  const { name, siret, nda } = statement.organization
  return [name, siret ? `SIRET ${siret}` : null, nda ? `NDA ${nda}` : null]
    .filter(Boolean)
    .join(' – ')
}

/**
 * "Taux de présence du mois : 92 % ; 3,50 h sans présence enregistrée."
 */
export function summaryLine(statement: MonthlyStatement) {
  const { rate, notRecordedHours } = statement.totals
  const parts = [
    rate === null
      ? 'Aucune séance ce mois-ci'
      : `Taux de présence du mois : ${Math.round(rate * 100)} %`,
  ]
  if (notRecordedHours > 0) {
    parts.push(`${notRecordedHours.toFixed(2).replace('.', ',')} h sans présence enregistrée`)
  }
  return `${parts.join(' ; ')}.`
}
