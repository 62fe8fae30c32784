import PDFDocument from 'pdfkit'

/**
 * Characters of Windows-1252 beyond Latin-1: with Latin-1 they are what
 * the standard PDF fonts (Helvetica, WinAnsi encoding) can draw.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

const REPLACEMENTS: Record<string, string> = {
  '\u202f': ' ', // narrow no-break space (French number formatting)
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2026': '…',
  '\u2713': 'x',
}

/**
 * Text the standard fonts can draw: accents, œ, « », – and ’ are kept;
 * spaces and dashes they lack are replaced by near ones, anything else by
 * "?" (rather than garbage).
 */
export function pdfSafe(text: string | null | undefined) {
  if (!text) return ''
  let safe = ''
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!
    if (
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(char)
    ) {
      safe += char
    } else if (char === '\n') {
      safe += char
    } else {
      safe += REPLACEMENTS[char] ?? '?'
    }
  }
  return safe
}

/**
 * A new A4 document, pages kept until the end so that the footer can say
 * "page 2 sur 5". The caller writes, then calls `finishPdf`.
 */
export function createPdf({
  title,
  author,
  layout = 'portrait',
}: {
  title: string
  author: string
  layout?: 'portrait' | 'landscape'
}) {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: { top: 40, bottom: 50, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: pdfSafe(title), Author: pdfSafe(author), Creator: 'Cohorte' },
    lang: 'fr-FR',
  })
  doc.font('Helvetica')
  return doc
}

/**
 * Writes the footer of every page (what the document is, page x sur n)
 * and ends the document: it can then be streamed.
 */
export function finishPdf(doc: PDFKit.PDFDocument, footer: string) {
  const range = doc.bufferedPageRange()
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index)
    const { width, height, margins } = doc.page
    const bottom = margins.bottom
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0
    const y = height - bottom + 18
    const textWidth = width - margins.left - margins.right
    doc.font('Helvetica').fontSize(8).fillColor('#333333')
    doc.text(pdfSafe(footer), margins.left, y, {
      width: textWidth,
      align: 'left',
      lineBreak: false,
    })
    doc.text(`Page ${index + 1} sur ${range.count}`, margins.left, y, {
      width: textWidth,
      align: 'right',
      lineBreak: false,
    })
    doc.page.margins.bottom = bottom
  }
  doc.end()
  return doc
}

/**
 * A file name made of plain letters, digits and dashes.
 */
export function fileSlug(text: string) {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'document'
  )
}

/**
 * Streams an ended PDF document to the response, to open in the browser.
 */
export function streamPdf(
  response: {
    header(name: string, value: string): unknown
    stream(body: NodeJS.ReadableStream): unknown
  },
  doc: PDFKit.PDFDocument,
  filename: string
) {
  response.header('content-type', 'application/pdf')
  response.header('content-disposition', `inline; filename="${filename}"`)
  response.header('cache-control', 'private, no-store')
  return response.stream(doc)
}
