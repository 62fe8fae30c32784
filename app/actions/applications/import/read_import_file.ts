import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  MAX_IMPORT_ROWS_LABEL,
  MAX_IMPORT_SIZE_LABEL,
  MAX_XLSX_UNCOMPRESSED_BYTES,
} from '#actions/applications/import/import_limits'

/**
 * One cell as read: text from a CSV; text, number, boolean or date (a
 * calendar day at midnight UTC, as Excel means it) from an XLSX sheet;
 * null when empty.
 */
export type ImportCell = string | number | boolean | Date | null

export type ImportSheetRow = {
  /** The row's number as a spreadsheet shows it (the titles are usually line 1). */
  line: number
  cells: ImportCell[]
}

export type ImportSheet = {
  format: 'csv' | 'xlsx'
  /** For a CSV: 'utf-8', 'windows-1252' or 'utf-16le'. */
  encoding: string | null
  /** For a CSV: ';', ',' or a tab. */
  separator: string | null
  headerLine: number
  /** The column titles, trimmed ('' for a column without a title). */
  headers: string[]
  /** The data rows below the titles, empty rows left out. */
  rows: ImportSheetRow[]
}

export type ImportFileResult = { ok: true; sheet: ImportSheet } | { ok: false; message: string }

const NOT_A_LIST =
  'Ce fichier n’est ni un fichier CSV ni un classeur Excel (.xlsx). Enregistrez la liste au format CSV ou .xlsx, puis déposez-la à nouveau.'

const numberFormat = new Intl.NumberFormat('fr-FR')
const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })

/**
 * "6,2 Mo", "820 ko".
 */
export function sizeLabel(bytes: number) {
  // Rounded up, so a file just over the limit never reads "5 Mo".
  if (bytes >= 1024 * 1024)
    return `${sizeFormat.format(Math.ceil((bytes / (1024 * 1024)) * 10) / 10)} Mo`
  return `${sizeFormat.format(Math.max(1, Math.round(bytes / 1024)))} ko`
}

function refuse(message: string): ImportFileResult {
  return { ok: false, message }
}

function startsWith(bytes: Uint8Array, signature: number[]) {
  return signature.every((byte, index) => bytes[index] === byte)
}

/**
 * Reads a referral list, deciding its kind by its content (never by its
 * name): a zip that holds a workbook is an XLSX file (its first visible
 * sheet is read), text that decodes is a CSV (UTF-8 with or without BOM,
 * UTF-16 with a BOM, otherwise Windows-1252 as Excel writes it; `;`, `,`
 * or tab separated, whichever the title row uses most).
 *
 * Refused with a French sentence saying what to do: an empty file, more
 * than 5 MB, a PDF, an old .xls or an .ods, anything else that is not
 * text, no title row, titles only, more than MAX_IMPORT_ROWS data rows.
 */
export async function readImportFile(bytes: Uint8Array): Promise<ImportFileResult> {
  if (bytes.length === 0) return refuse('Le fichier est vide : il ne contient aucune ligne.')
  if (bytes.length > MAX_IMPORT_BYTES) {
    return refuse(
      `Le fichier pèse ${sizeLabel(bytes.length)} : la limite est de ${MAX_IMPORT_SIZE_LABEL}. Découpez la liste en plusieurs fichiers.`
    )
  }
  if (startsWith(bytes, [0x50, 0x4b])) return readWorkbook(Buffer.from(bytes))
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return refuse(
      'Ce fichier est un PDF : un PDF ne peut pas être lu ligne par ligne. Demandez la liste au format CSV ou Excel (.xlsx).'
    )
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return refuse(
      'Ce fichier est un ancien classeur Excel (.xls) ou un classeur protégé par un mot de passe. Ouvrez-le dans Excel et enregistrez-le au format .xlsx ou CSV, sans mot de passe.'
    )
  }
  const decoded = decodeText(bytes)
  if (!decoded) return refuse(NOT_A_LIST)
  return readCsv(decoded.text, decoded.encoding)
}

/**
 * The text of a CSV file and its encoding, or null when the bytes are not
 * text (control characters other than tab and line breaks).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } | null {
  let text: string
  let encoding: string
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8'
    text = new TextDecoder('utf-8').decode(bytes.subarray(3))
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le'
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2))
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be'
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2))
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      encoding = 'utf-8'
    } catch {
      // Excel's "CSV (séparateur : point-virgule)" on Windows writes Windows-1252.
      text = new TextDecoder('windows-1252').decode(bytes)
      encoding = 'windows-1252'
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return null
  return { text, encoding }
}

/**
 * The separator the title row uses most, outside quotes.
 */
function guessSeparator(text: string) {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? ''
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 }
  let quoted = false
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char in counts) counts[char]++
  }
  const [best] = Object.entries(counts).sort((a, b) => b[1] - a[1])
  return best[1] > 0 ? best[0] : ';'
}

function readCsv(text: string, encoding: string): ImportFileResult {
  if (text.trim() === '') return refuse('Le fichier est vide : il ne contient aucune ligne.')
  const separator = guessSeparator(text)
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    })
  } catch (error) {
    const line = (error as { lines?: number }).lines
    return refuse(
      `Le fichier CSV est mal formé${line ? ` vers la ligne ${line}` : ''} : vérifiez les guillemets, puis déposez-le à nouveau.`
    )
  }
  const rows = records.map((cells, index) => ({ line: index + 1, cells: cells.map(textCell) }))
  return shape('csv', encoding, separator, rows)
}

function textCell(value: string): ImportCell {
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

type ZipEntry = {
  name: string
  size: number
  compressedSize: number
  method: number
  localOffset: number
}

/**
 * The entries a zip's central directory lists, with their uncompressed
 * sizes, or null when it has none that can be read.
 */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue
    const count = bytes.readUInt16LE(at + 10)
    let cursor = bytes.readUInt32LE(at + 16)
    const entries: ZipEntry[] = []
    for (let index = 0; index < count; index++) {
      if (cursor + 46 > bytes.length || bytes.readUInt32LE(cursor) !== 0x02014b50) return null
      const method = bytes.readUInt16LE(cursor + 10)
      const compressedSize = bytes.readUInt32LE(cursor + 20)
      const size = bytes.readUInt32LE(cursor + 24)
      const nameLength = bytes.readUInt16LE(cursor + 28)
      const extraLength = bytes.readUInt16LE(cursor + 30)
      const commentLength = bytes.readUInt16LE(cursor + 32)
      const localOffset = bytes.readUInt32LE(cursor + 42)
      const name = bytes.toString('utf8', cursor + 46, cursor + 46 + nameLength)
      entries.push({ name, size, compressedSize, method, localOffset })
      cursor += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }
  return null
}

/**
 * Whether the zip's entries really inflate within `limit` bytes in all.
 * The sizes its directory gives may lie: each entry is inflated with a
 * ceiling, so a small file cannot expand to gigabytes in memory.
 * 'damaged' when an entry cannot be read (a truncated or broken file).
 */
export function inflatedSize(
  bytes: Buffer,
  entries: ZipEntry[],
  limit: number
): 'within' | 'too large' | 'damaged' {
  let total = 0
  for (const entry of entries) {
    const at = entry.localOffset
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return 'damaged'
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
    const data = bytes.subarray(start, start + entry.compressedSize)
    if (data.length !== entry.compressedSize) return 'damaged'
    if (entry.method === 0) {
      total += data.length
    } else if (entry.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total + 1) }).length
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? 'too large'
          : 'damaged'
      }
    } else {
      return 'damaged'
    }
    if (total > limit) return 'too large'
  }
  return 'within'
}

async function readWorkbook(bytes: Buffer): Promise<ImportFileResult> {
  const entries = zipEntries(bytes)
  if (!entries) return refuse(NOT_A_LIST)
  const names = new Set(entries.map((entry) => entry.name))
  if (names.has('mimetype') && names.has('content.xml')) {
    return refuse(
      'Ce fichier est un classeur LibreOffice (.ods). Enregistrez-le au format Excel (.xlsx) ou CSV, puis déposez-le à nouveau.'
    )
  }
  if (!names.has('xl/workbook.xml')) return refuse(NOT_A_LIST)
  // Sizes above 4 GB are marked 0xFFFFFFFF (zip64): far above the limit too.
  const uncompressed = entries.reduce((total, entry) => total + entry.size, 0)
  const inflated =
    uncompressed > MAX_XLSX_UNCOMPRESSED_BYTES
      ? 'too large'
      : inflatedSize(bytes, entries, MAX_XLSX_UNCOMPRESSED_BYTES)
  if (inflated === 'damaged') return unreadableWorkbook()
  if (inflated === 'too large') {
    return refuse(
      `Ce classeur est trop volumineux une fois ouvert (plus de ${numberFormat.format(MAX_XLSX_UNCOMPRESSED_BYTES / (1024 * 1024))} Mo). Gardez seulement la feuille de la liste, ou enregistrez-la au format CSV.`
    )
  }

  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch {
    return unreadableWorkbook()
  }
  const sheet = workbook.worksheets.find((worksheet) => worksheet.state === 'visible')
  if (!sheet) return refuse('Le classeur ne contient aucune feuille visible.')

  const rows: { line: number; cells: ImportCell[] }[] = []
  let tooWide = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const count = row.cellCount
    if (count > MAX_IMPORT_COLUMNS) tooWide = true
    const cells: ImportCell[] = []
    for (let column = 1; column <= Math.min(count, MAX_IMPORT_COLUMNS); column++) {
      cells.push(workbookCell(row.getCell(column).value))
    }
    rows.push({ line: rowNumber, cells })
  })
  if (tooWide) return tooManyColumns()
  return shape('xlsx', null, null, rows)
}

/**
 * An ExcelJS value as an ImportCell: formulas give their result, rich
 * text and links their text, errors nothing.
 */
function workbookCell(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'string') return textCell(value)
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'object') {
    if ('richText' in value) return textCell(value.richText.map((part) => part.text).join(''))
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text
      return typeof text === 'string' ? textCell(text) : workbookCell(text as ExcelJS.CellValue)
    }
    if ('result' in value) return workbookCell(value.result as ExcelJS.CellValue)
    if ('error' in value) return null
  }
  return null
}

function unreadableWorkbook() {
  return refuse(
    'Ce classeur Excel ne peut pas être lu : il est peut-être abîmé. Ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx ou CSV, puis déposez-le.'
  )
}

function tooManyColumns() {
  return refuse(
    `Le fichier a plus de ${MAX_IMPORT_COLUMNS} colonnes : gardez seulement les colonnes de la liste.`
  )
}

/**
 * Text a column title should not look like: an e-mail address or a date
 * means the first row already holds a person.
 */
function looksLikeData(cell: ImportCell) {
  if (cell instanceof Date || typeof cell === 'number') return true
  if (typeof cell !== 'string') return false
  return /@/.test(cell) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(cell)
}

export function cellText(cell: ImportCell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return DateTime.fromJSDate(cell, { zone: 'utc' }).toFormat('dd/LL/yyyy')
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non'
  return String(cell)
}

/**
 * The first non-empty row holds the titles (at least two, none that looks
 * like a person's data); the non-empty rows below it are the people,
 * within the limits.
 */
function shape(
  format: 'csv' | 'xlsx',
  encoding: string | null,
  separator: string | null,
  allRows: ImportSheetRow[]
): ImportFileResult {
  const rows = allRows.filter((row) => row.cells.some((cell) => cell !== null))
  if (!rows.length) return refuse('Le fichier est vide : il ne contient aucune ligne.')
  if (rows.some((row) => row.cells.length > MAX_IMPORT_COLUMNS)) return tooManyColumns()

  const [header, ...data] = rows
  const titles = header.cells.filter((cell) => cell !== null)
  if (titles.length < 2) {
    return refuse(
      `La première ligne du fichier doit contenir les titres des colonnes (Nom, Prénom, Date de naissance…), une par colonne. Elle contient seulement ${titles.length ? `« ${cellText(titles[0]).slice(0, 60)} »` : 'une case'}${format === 'csv' ? ' : séparez les colonnes par des points-virgules ou des virgules' : ''}.`
    )
  }
  const dataLike = header.cells.find(looksLikeData)
  if (dataLike !== undefined) {
    return refuse(
      `La première ligne du fichier doit contenir les titres des colonnes (Nom, Prénom, Date de naissance…) : elle contient « ${cellText(dataLike).slice(0, 60)} », qui ressemble à une donnée. Ajoutez une ligne de titres en haut de la liste.`
    )
  }
  if (!data.length) {
    return refuse('Le fichier contient seulement la ligne des titres : aucune personne à importer.')
  }
  if (data.length > MAX_IMPORT_ROWS) {
    return refuse(
      `Le fichier contient ${numberFormat.format(data.length)} lignes de personnes : la limite est de ${MAX_IMPORT_ROWS_LABEL} lignes par import. Découpez la liste en plusieurs fichiers.`
    )
  }

  const width = Math.max(...rows.map((row) => row.cells.length))
  const headers = Array.from({ length: width }, (_, index) => cellText(header.cells[index] ?? null))
  return {
    ok: true,
    sheet: { format, encoding, separator, headerLine: header.line, headers, rows: data },
  }
}
