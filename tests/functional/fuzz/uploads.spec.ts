import { test } from '@japa/runner'
import { deflateRawSync } from 'node:zlib'
import JSZip from 'jszip'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import AttendanceRecord from '#models/attendance_record'
import Internship from '#models/internship'
import { buildWorld, type Side } from '#tests/helpers/world'
import { MAX_XLSX_UNCOMPRESSED_BYTES } from '#actions/applications/import/import_limits'
import {
  REFERRAL_HEADERS,
  REFERRAL_ROWS,
  csvFile,
  xlsxFile,
} from '#tests/functional/applications/import_fixtures'
import { PDF_BYTES, PNG_BYTES, absence } from '#tests/functional/attendance/absences_helpers'
import { countChanges, judge, rowCounts } from '#tests/functional/fuzz/helpers'

/**
 * `listOnly`: hostile to the list import only (a real PDF is a good proof,
 * whatever its name).
 */
type Upload = {
  label: string
  bytes: Buffer
  filename: string
  listOnly?: boolean
  /** The message the list import gives. */
  listMessage?: RegExp
}

/**
 * Every file kept on the (fake) private disk.
 */
async function storedFiles() {
  const { objects } = await drive.use().listAll('', { recursive: true })
  return [...objects].map((object) => ('key' in object ? object.key : object.prefix)).sort()
}

/**
 * An XLSX file whose sheet inflates to more than the limit: a few hundred
 * kilobytes on the wire.
 */
async function zipBomb() {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
  )
  zip.file('xl/workbook.xml', '<workbook/>')
  zip.file('xl/worksheets/sheet1.xml', ' '.repeat(MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024))
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  })
}

/**
 * A zip bomb that lies: its directory says each entry is tiny, its data
 * inflates to 200 MB.
 */
function lyingZipBomb() {
  const entries = [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20) },
  ]
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const compressed = deflateRawSync(entry.data, { level: 9 })
    const declared = Math.min(entry.data.length, 100)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(0, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(declared, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(0, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += 30 + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/**
 * A workbook whose compressed data is scrambled, its directory intact.
 */
function damaged(xlsx: Buffer) {
  const copy = Buffer.from(xlsx)
  for (let at = 200; at < copy.length - 400; at += 7) copy[at] ^= 0x5a
  return copy
}

async function hostileFiles(): Promise<Upload[]> {
  const xlsx = await xlsxFile([REFERRAL_HEADERS, ...REFERRAL_ROWS])
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(512, 0)])
  return [
    { label: 'an empty file', bytes: Buffer.alloc(0), filename: 'justificatif.pdf' },
    { label: 'an .exe renamed .pdf', bytes: exe, filename: 'certificat.pdf' },
    { label: 'an .exe renamed .csv', bytes: exe, filename: 'liste.csv' },
    {
      label: 'HTML with a script renamed .pdf',
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      filename: 'certificat.pdf',
    },
    {
      label: 'an SVG with a script renamed .png',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      filename: 'photo.png',
    },
    { label: 'a PDF renamed .xlsx', bytes: PDF_BYTES, filename: 'liste.xlsx', listOnly: true },
    {
      label: 'a truncated XLSX',
      bytes: xlsx.subarray(0, Math.floor(xlsx.length * 0.6)),
      filename: 'liste.xlsx',
    },
    {
      label: 'an XLSX with a damaged sheet',
      bytes: damaged(xlsx),
      filename: 'liste.xlsx',
    },
    {
      label: 'a zip-bomb XLSX',
      bytes: await zipBomb(),
      filename: 'liste.xlsx',
      listMessage: /^Ce classeur est trop volumineux une fois ouvert/,
    },
    {
      label: 'a zip-bomb XLSX lying about its sizes',
      bytes: lyingZipBomb(),
      filename: 'liste.xlsx',
      listMessage: /^Ce classeur est trop volumineux une fois ouvert/,
    },
    {
      label: 'a UTF-16 CSV without BOM',
      bytes: Buffer.from('Nom;Prénom\r\nDurand;Hélène\r\n', 'utf16le'),
      filename: 'liste.csv',
    },
    {
      label: 'a PDF of 6 MB',
      bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(6 * 1024 * 1024, 0x20)]),
      filename: 'certificat.pdf',
    },
    {
      label: 'a PDF of 21 MB (over the upload limit)',
      bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(21 * 1024 * 1024, 0x20)]),
      filename: 'certificat.pdf',
    },
  ]
}

/**
 * Files that are what they claim by content, whatever their name: a
 * proof is accepted and stored under a name of ours, with the extension
 * of its content; a list is read in its encoding.
 */
function legitimateFiles(): Upload[] {
  return [
    { label: 'a PNG named .pdf', bytes: PNG_BYTES, filename: 'certificat.pdf' },
    { label: 'a PDF named with a path', bytes: PDF_BYTES, filename: '../../../etc/passwd.pdf' },
    {
      label: 'a PDF with a long unicode name',
      bytes: PDF_BYTES,
      filename: `${'é👩🏽‍💻<script>'.repeat(40)}.pdf`,
    },
  ]
}

type Target = {
  route: string
  field: string
  user: (side: Side) => User
  prepare: (
    side: Side
  ) => Promise<{ params: Record<string, unknown>; fields?: Record<string, string> }>
}

const TARGETS: Target[] = [
  {
    route: 'coordinator.applications.import.store',
    field: 'file',
    user: (side) => side.users.coordinator,
    prepare: async (side) => ({ params: { id: side.cohort.id } }),
  },
  {
    route: 'trainee.absences.proof.store',
    field: 'proof',
    user: (side) => side.users.trainee,
    prepare: async (side) => {
      const record = await absence(side)
      return { params: { id: record.id } }
    },
  },
  {
    route: 'coordinator.absences.update',
    field: 'proof',
    user: (side) => side.users.coordinator,
    prepare: async (side) => {
      const record = await absence(side)
      return { params: { id: record.id }, fields: { absence_reason: 'illness', justified: 'yes' } }
    },
  },
  {
    route: 'coordinator.internships.scan.store',
    field: 'scan',
    user: (side) => side.users.coordinator,
    prepare: async (side) => ({ params: { id: side.internship.id } }),
  },
]

function sendFile(
  client: ApiClient,
  user: User,
  url: string,
  field: string,
  upload: Upload,
  fields: Record<string, string> = {}
) {
  const request = client.post(url).loginAs(user).withCsrfToken().redirects(0)
  if (Object.keys(fields).length) request.fields(fields)
  return request.file(field, upload.bytes, { filename: upload.filename })
}

const figures = { files: 0, requests: 0 }

test.group('Fuzz: uploads are checked by content and refused cleanly', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('every multipart route is listed here', ({ assert }) => {
    // The routes whose controllers read a file (request.file).
    const targets = TARGETS.map((target) => target.route).sort()
    assert.includeMembers(targets, [
      'coordinator.absences.update',
      'coordinator.applications.import.store',
      'coordinator.internships.scan.store',
      'trainee.absences.proof.store',
    ])
  })

  for (const target of TARGETS) {
    test(`${target.route}: hostile files never give a 500, are refused in French, nothing kept`, async ({
      client,
      assert,
    }) => {
      const { own } = await buildWorld()
      const failures: string[] = []
      const files = await hostileFiles()
      for (const upload of files.filter((file) => !file.listOnly || target.field === 'file')) {
        const { params, fields } = await target.prepare(own)
        const url = router.makeUrl(target.route, params)
        const rows = await rowCounts()
        const kept = await storedFiles()
        const response = await sendFile(client, target.user(own), url, target.field, upload, fields)
        figures.files++
        figures.requests++
        const verdict = judge(response)
        const where = `${target.route} — ${upload.label}`
        if (verdict.problem) failures.push(`${where}: ${verdict.problem}`)
        if (!verdict.refused) failures.push(`${where}: accepted`)
        const said = ((verdict.flash.inputErrorsBag as any)?.file ?? []).join(' ')
        if (target.field === 'file' && upload.listMessage && !upload.listMessage.test(said)) {
          failures.push(`${where}: said « ${said} »`)
        }
        const changes = countChanges(rows, await rowCounts())
        if (changes.length) failures.push(`${where}: rows changed (${changes.join(', ')})`)
        const now = await storedFiles()
        const added = now.filter((key) => !kept.includes(key))
        if (added.length) failures.push(`${where}: files kept (${added.join(', ')})`)
      }
      assert.deepEqual(failures, [])
    }).timeout(120_000)
  }

  test('an upload over 20 MB gets a French 413 page', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)
    const response = await sendFile(
      client,
      own.users.trainee,
      router.makeUrl('trainee.absences.proof.store', { id: record.id }),
      'proof',
      {
        label: '21 MB',
        bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(21 * 1024 * 1024, 0x20)]),
        filename: 'certificat.pdf',
      }
    )
    response.assertStatus(413)
    response.assertTextIncludes('<html lang="fr"')
    response.assertTextIncludes('Ce que vous avez envoyé est trop volumineux')
    assert.notInclude(response.text(), 'request entity too large')
  })

  test('proofs and scans are kept by content, under a name of ours', async ({ client, assert }) => {
    const { own } = await buildWorld()
    for (const upload of legitimateFiles()) {
      const record = await absence(own)
      const response = await sendFile(
        client,
        own.users.trainee,
        router.makeUrl('trainee.absences.proof.store', { id: record.id }),
        'proof',
        upload
      )
      figures.files++
      figures.requests++
      assert.isFalse(judge(response).refused, upload.label)
      const stored = await AttendanceRecord.findOrFail(record.id)
      const ext = upload.bytes === PNG_BYTES ? 'png' : 'pdf'
      assert.match(
        stored.proofPath!,
        new RegExp(`^attendance-proofs/${own.organization.id}/[0-9a-f-]{36}\\.${ext}$`),
        upload.label
      )

      const download = await client
        .get(router.makeUrl('coordinator.absences.proof', { id: record.id }))
        .loginAs(own.users.coordinator)
      download.assertStatus(200)
      download.assertHeader('content-type', ext === 'png' ? 'image/png' : 'application/pdf')
      download.assertHeader('x-content-type-options', 'nosniff')
      assert.match(
        download.header('content-disposition') ?? '',
        /^attachment; filename="justificatif\.(png|pdf)"$/
      )
    }

    const scan = await sendFile(
      client,
      own.users.coordinator,
      router.makeUrl('coordinator.internships.scan.store', { id: own.internship.id }),
      'scan',
      { label: 'a PNG named .pdf', bytes: PNG_BYTES, filename: '../convention.pdf' }
    )
    assert.isFalse(judge(scan).refused)
    const internship = await Internship.findOrFail(own.internship.id)
    assert.match(
      internship.signedAgreementKey!,
      new RegExp(`^agreements/${own.organization.id}/[0-9a-f-]{36}\\.png$`)
    )
  })

  test('lists in other encodings are read with their accents', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const text = 'Nom;Prénom;Courriel\r\nDurand;Hélène;helene@exemple.fr\r\n'
    const encodings: Upload[] = [
      { label: 'Windows-1252', bytes: Buffer.from(text, 'latin1'), filename: 'liste.csv' },
      {
        label: 'UTF-8 with BOM',
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        filename: 'liste.csv',
      },
      {
        label: 'UTF-16 LE with BOM',
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        filename: 'liste.csv',
      },
      {
        label: 'UTF-16 BE with BOM',
        bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
        filename: 'liste.csv',
      },
      {
        label: 'a CSV renamed .xlsx',
        bytes: csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS]),
        filename: 'liste.xlsx',
      },
      {
        label: 'an XLSX renamed .csv',
        bytes: await xlsxFile([REFERRAL_HEADERS, ...REFERRAL_ROWS]),
        filename: 'liste.csv',
      },
    ]
    for (const upload of encodings) {
      const response = await sendFile(
        client,
        own.users.coordinator,
        router.makeUrl('coordinator.applications.import.store', { id: own.cohort.id }),
        'file',
        upload
      )
      figures.files++
      figures.requests++
      assert.isFalse(judge(response).refused, upload.label)
      const mapping = await client.get(response.header('location')!).loginAs(own.users.coordinator)
      mapping.assertStatus(200)
      assert.notInclude(mapping.text(), '\ufffd', upload.label)
      assert.notInclude(mapping.text(), 'PrÃ©nom', upload.label)
      if (upload.filename === 'liste.csv' && !upload.label.includes('XLSX')) {
        assert.include(mapping.text(), 'Prénom', upload.label)
      }
    }
    console.log(`uploads: ${figures.files} files tried in ${figures.requests} requests`)
  })
})
