import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { readImportFile, zipEntries } from '#actions/applications/import/read_import_file'
import { MAX_IMPORT_ROWS } from '#actions/applications/import/import_limits'
import {
  REFERRAL_HEADERS,
  REFERRAL_ROWS,
  csvFile,
  manyRows,
  xlsxFile,
} from '#tests/functional/applications/import_fixtures'

async function read(bytes: Uint8Array) {
  const result = await readImportFile(bytes)
  if (!result.ok) throw new Error(`refused: ${result.message}`)
  return result.sheet
}

async function refusal(bytes: Uint8Array) {
  const result = await readImportFile(bytes)
  if (result.ok) throw new Error('accepted')
  return result.message
}

test.group('Import file: CSV', () => {
  test('UTF-8 with a BOM, semicolons', async ({ assert }) => {
    const sheet = await read(csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS], { bom: true }))
    assert.equal(sheet.format, 'csv')
    assert.equal(sheet.encoding, 'utf-8')
    assert.equal(sheet.separator, ';')
    assert.deepEqual(sheet.headers, REFERRAL_HEADERS)
    assert.equal(sheet.rows.length, 3)
    assert.equal(sheet.rows[0].line, 2)
    assert.deepEqual(sheet.rows[1].cells.slice(0, 2), ['Durand', 'Joëlle'])
  })

  test('UTF-8 without BOM, commas, quoted cells with commas and line breaks', async ({
    assert,
  }) => {
    const rows = [
      ['Nom', 'Prénom', 'Remarques'],
      ['Martin', 'Léa', 'Vue le 3/03, rappeler'],
      ['Petit', 'Sam', 'deux\nlignes'],
      ['Roux', 'Ana', ''],
    ]
    const sheet = await read(csvFile(rows, { separator: ',' }))
    assert.equal(sheet.separator, ',')
    assert.equal(sheet.encoding, 'utf-8')
    assert.deepEqual(sheet.rows[0].cells, ['Martin', 'Léa', 'Vue le 3/03, rappeler'])
    assert.deepEqual(sheet.rows[1].cells, ['Petit', 'Sam', 'deux\nlignes'])
    assert.deepEqual(sheet.rows[2].cells, ['Roux', 'Ana', null])
    // Line numbers are rows as a spreadsheet shows them.
    assert.deepEqual(
      sheet.rows.map((row) => row.line),
      [2, 3, 4]
    )
  })

  test('Windows-1252 as Excel writes it', async ({ assert }) => {
    const sheet = await read(
      csvFile(
        [
          ['Nom', 'Prénom', 'Ville'],
          ['Lefèvre', 'Hélène', 'Évreux'],
        ],
        { encoding: 'windows-1252' }
      )
    )
    assert.equal(sheet.encoding, 'windows-1252')
    assert.deepEqual(sheet.headers, ['Nom', 'Prénom', 'Ville'])
    assert.deepEqual(sheet.rows[0].cells, ['Lefèvre', 'Hélène', 'Évreux'])
  })

  test('empty lines are skipped but still counted in line numbers', async ({ assert }) => {
    const sheet = await read(Buffer.from('Nom;Prénom\n\nMartin;Léa\n;\nPetit;Sam\n'))
    assert.deepEqual(
      sheet.rows.map((row) => row.line),
      [3, 5]
    )
  })
})

test.group('Import file: XLSX', () => {
  test('the first visible sheet, with real dates and numbers', async ({ assert }) => {
    const bytes = await xlsxFile(
      [
        ['Nom', 'Prénom', 'Date de naissance', 'Code postal', 'Courriel'],
        ['Martin', 'Léa', new Date(Date.UTC(1990, 2, 21)), 1000, 'lea@exemple.fr'],
      ],
      { extraSheetFirst: true }
    )
    const sheet = await read(bytes)
    assert.equal(sheet.format, 'xlsx')
    assert.deepEqual(sheet.headers, [
      'Nom',
      'Prénom',
      'Date de naissance',
      'Code postal',
      'Courriel',
    ])
    const [martin] = sheet.rows
    assert.equal(martin.line, 2)
    assert.instanceOf(martin.cells[2], Date)
    assert.equal((martin.cells[2] as Date).toISOString().slice(0, 10), '1990-03-21')
    assert.equal(martin.cells[3], 1000)
  })

  test('links, rich text and formulas give their text', async ({ assert }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Liste')
    sheet.addRow(['Nom', 'Prénom', 'Courriel', 'Âge'])
    sheet.addRow([
      { richText: [{ text: 'Mar' }, { text: 'tin', font: { bold: true } }] },
      'Léa',
      { text: 'lea@exemple.fr', hyperlink: 'mailto:lea@exemple.fr' },
      { formula: '20+16', result: 36 },
    ])
    const links = await read(Buffer.from(await workbook.xlsx.writeBuffer()))
    assert.deepEqual(links.rows[0].cells, ['Martin', 'Léa', 'lea@exemple.fr', 36])
  })

  test('the zip directory is read to bound what an XLSX holds', async ({ assert }) => {
    const bytes = await xlsxFile([['Nom', 'Prénom']])
    const entries = zipEntries(bytes)!
    assert.isTrue(entries.some((entry) => entry.name === 'xl/workbook.xml'))
    assert.isTrue(entries.every((entry) => entry.size >= 0))
  })
})

test.group('Import file: refusals', () => {
  test('each bad file gets its own sentence', async ({ assert }) => {
    assert.equal(
      await refusal(Buffer.alloc(0)),
      'Le fichier est vide : il ne contient aucune ligne.'
    )
    assert.equal(
      await refusal(Buffer.from('\r\n\r\n')),
      'Le fichier est vide : il ne contient aucune ligne.'
    )
    assert.match(await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')), /est un PDF/)
    assert.match(
      await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
      /ancien classeur Excel \(\.xls\)/
    )
    assert.match(
      await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])),
      /ni un fichier CSV ni un classeur Excel/
    )
    assert.match(await refusal(Buffer.from('PK\u0003\u0004 broken zip')), /ni un fichier CSV/)
    assert.match(
      await refusal(Buffer.alloc(5 * 1024 * 1024 + 1, 'a')),
      /pèse 5,1 Mo : la limite est de 5 Mo/
    )
  })

  test('titles are needed, and people below them', async ({ assert }) => {
    assert.equal(
      await refusal(Buffer.from('Nom;Prénom\n')),
      'Le fichier contient seulement la ligne des titres : aucune personne à importer.'
    )
    assert.match(
      await refusal(Buffer.from('Martin;Léa;lea@exemple.fr\nPetit;Sam;sam@exemple.fr\n')),
      /elle contient « lea@exemple\.fr », qui ressemble à une donnée/
    )
    assert.match(
      await refusal(Buffer.from('Nom Prénom Naissance\nMartin Léa 1990\n')),
      /Elle contient seulement « Nom Prénom Naissance » : séparez les colonnes/
    )
  })

  test('more rows than the limit are refused', async ({ assert }) => {
    const message = await refusal(
      csvFile([REFERRAL_HEADERS, ...manyRows(MAX_IMPORT_ROWS + 1)], { separator: ';' })
    )
    assert.match(
      message,
      /^Le fichier contient 2\s001 lignes de personnes : la limite est de 2\s000 lignes par import/
    )
    await read(csvFile([REFERRAL_HEADERS, ...manyRows(MAX_IMPORT_ROWS)]))
  })
})
