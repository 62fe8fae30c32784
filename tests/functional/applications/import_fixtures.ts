import ExcelJS from 'exceljs'

/**
 * Referral lists written by the tests themselves, as the field sends
 * them: CSV in UTF-8 (with or without BOM) or Windows-1252, `;` or `,`
 * separated, and XLSX files with real date cells.
 */
export type FixtureCell = string | number | Date | null

/**
 * A France Travail-like list: titles the mapping guesses.
 */
export const REFERRAL_HEADERS = [
  'NOM DE NAISSANCE',
  'Prénom',
  'Courriel',
  'Téléphone',
  'Date de naissance',
  'Sexe',
  'Code postal',
  'Ville',
  'Niveau',
  'Identifiant FT',
]

export const REFERRAL_ROWS: FixtureCell[][] = [
  [
    'Lefèvre',
    'Amina',
    'Amina.Lefevre@exemple.fr',
    '06 12 34 56 78',
    '21/03/1990',
    'F',
    '76000',
    'Rouen',
    'CAP',
    '1234567A',
  ],
  [
    'Durand',
    'Joëlle',
    'joelle.durand@exemple.fr',
    '0698765432',
    '1985-11-02',
    'femme',
    '76100',
    'Rouen',
    'niveau 4',
    '',
  ],
  [
    'Nguyen',
    'Thi',
    '',
    '+33 7 11 22 33 44',
    '05/07/2001',
    'H',
    '27000',
    'Évreux',
    'sans diplôme',
    '',
  ],
]

function csvCell(value: FixtureCell, separator: string) {
  if (value === null) return ''
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A CSV file. `windows-1252` is written as Latin-1, which matches it for
 * the letters used here (é, è, ë, ç, É…).
 */
export function csvFile(
  rows: FixtureCell[][],
  {
    separator = ';',
    encoding = 'utf-8',
    bom = false,
    lineEnd = '\r\n',
  }: {
    separator?: string
    encoding?: 'utf-8' | 'windows-1252'
    bom?: boolean
    lineEnd?: string
  } = {}
) {
  const text =
    rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join(lineEnd) +
    lineEnd
  const body = Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'latin1')
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body
}

/**
 * An XLSX file whose first sheet holds the rows; Date cells get a date
 * format, as Excel gives them.
 */
export async function xlsxFile(rows: FixtureCell[][], { extraSheetFirst = false } = {}) {
  const workbook = new ExcelJS.Workbook()
  if (extraSheetFirst) {
    const hidden = workbook.addWorksheet('Paramètres', { state: 'hidden' })
    hidden.addRow(['ne', 'pas', 'lire'])
  }
  const sheet = workbook.addWorksheet('Liste')
  for (const row of rows) {
    const added = sheet.addRow(row)
    row.forEach((cell, index) => {
      if (cell instanceof Date) added.getCell(index + 1).numFmt = 'dd/mm/yyyy'
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * `count` people with distinct e-mails, for size limits.
 */
export function manyRows(count: number): FixtureCell[][] {
  return Array.from({ length: count }, (_, index) => [
    `Nom${index}`,
    `Prénom${index}`,
    `personne${index}@exemple.fr`,
    '',
    '01/01/1990',
    'F',
    '76000',
    'Rouen',
    '3',
    '',
  ])
}
