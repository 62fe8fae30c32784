import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import Trainee from '#models/trainee'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import type Cohort from '#models/cohort'
import type User from '#models/user'
import { CohortFactory } from '#database/factories/cohort_factory'
import { guessMapping, type ImportChoices } from '#actions/applications/import/import_fields'
import { importChoicesQuery } from '#validators/application_import'
import { MAX_IMPORT_ROWS_LABEL } from '#actions/applications/import/import_limits'
import { buildWorld, type Side } from '#tests/helpers/world'
import {
  REFERRAL_HEADERS,
  REFERRAL_ROWS,
  csvFile,
  manyRows,
  xlsxFile,
  type FixtureCell,
} from '#tests/functional/applications/import_fixtures'

const importUrl = (cohort: Cohort) => `/coordination/promotions/${cohort.id}/candidatures/import`

function upload(
  client: ApiClient,
  user: User,
  cohort: Cohort,
  bytes: Buffer,
  filename = 'liste-france-travail.csv'
) {
  return client
    .post(importUrl(cohort))
    .file('file', bytes, { filename })
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

/**
 * The upload token the upload step redirects with.
 */
function tokenOf(response: ApiResponse) {
  const location = response.header('location') ?? ''
  return new URL(location, 'http://localhost').searchParams.get('upload') ?? ''
}

function choicesFor(headers: string[], source: ImportChoices['source'] = 'france_travail') {
  return { mapping: guessMapping(headers), source }
}

function previewUrl(cohort: Cohort, token: string, choices: ImportChoices) {
  return router.makeUrl(
    'coordinator.applications.import.preview',
    { id: cohort.id },
    { qs: importChoicesQuery(token, choices) }
  )
}

function confirm(
  client: ApiClient,
  user: User,
  cohort: Cohort,
  token: string,
  choices: ImportChoices
) {
  return client
    .post(`${importUrl(cohort)}/confirmer`)
    .form(importChoicesQuery(token, choices))
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

/**
 * Upload, then the preview with the guessed columns.
 */
async function uploadAndPreview(
  client: ApiClient,
  side: Side,
  rows: FixtureCell[][],
  { bytes, filename }: { bytes?: Buffer; filename?: string } = {}
) {
  const response = await upload(
    client,
    side.users.coordinator,
    side.cohort,
    bytes ?? csvFile(rows),
    filename
  )
  response.assertStatus(302)
  const token = tokenOf(response)
  const choices = choicesFor(rows[0] as string[])
  const preview = await client
    .get(previewUrl(side.cohort, token, choices))
    .loginAs(side.users.coordinator)
  return { token, choices, preview }
}

async function countRows() {
  const count = async (table: string) => {
    const [row] = await db.from(table).count('* as total')
    return Number(row.total)
  }
  return {
    trainees: await count('trainees'),
    applications: await count('applications'),
    changes: await count('application_status_changes'),
  }
}

async function storedUploads(side: Side) {
  const { objects } = await drive.use().listAll(`imports/${side.organization.id}`)
  return [...objects].map((object) => object.name)
}

/**
 * One <select> of a page, to check which option it has selected.
 */
function selectOf(html: string, name: string) {
  const escaped = name.replace(/[[\]]/g, '\\$&')
  return html.match(new RegExp(`<select[^>]*name="${escaped}"[\\s\\S]*?</select>`))?.[0] ?? ''
}

test.group('Applications: importing a referral list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => {
      drive.restore('fs')
      mail.restore()
    }
  })

  test('a list goes through upload, columns, preview and import, all in one go', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { mails } = mail.fake()
    const coordinator = own.users.coordinator
    const before = await countRows()

    const uploaded = await upload(
      client,
      coordinator,
      own.cohort,
      csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS], { bom: true })
    )
    uploaded.assertStatus(302)
    const token = tokenOf(uploaded)
    assert.match(token, /^[0-9a-f-]{36}$/)
    assert.equal(uploaded.header('location'), `${importUrl(own.cohort)}/colonnes?upload=${token}`)
    assert.sameMembers(await storedUploads(own), [`${token}.csv`, `${token}.json`])

    const mapping = await client.get(uploaded.header('location')!).loginAs(coordinator)
    mapping.assertStatus(200)
    mapping.assertTextIncludes('liste-france-travail.csv')
    mapping.assertTextIncludes('« NOM DE NAISSANCE » (colonne A)')
    mapping.assertTextIncludes('Lefèvre · Durand · Nguyen')
    const html = mapping.text()
    assert.include(selectOf(html, 'columns[last_name]'), '<option value="0" selected>')
    assert.include(selectOf(html, 'columns[birth_date]'), '<option value="4" selected>')
    assert.include(selectOf(html, 'columns[qualification_level]'), '<option value="8" selected>')
    assert.include(selectOf(html, 'columns[france_travail_id]'), '<option value="9" selected>')
    assert.notInclude(selectOf(html, 'columns[notes]'), 'selected>')

    const choices = choicesFor(REFERRAL_HEADERS)
    const preview = await client.get(previewUrl(own.cohort, token, choices)).loginAs(coordinator)
    preview.assertStatus(200)
    for (const text of [
      'à importer',
      'nouvelle personne',
      'amina.lefevre@exemple.fr',
      '0612345678',
      '21/03/1990',
      '02/11/1985',
      'Niveau 3 (CAP, BEP)',
      'Niveau 4 (bac)',
      'Sans diplôme',
      'Femme',
      'Homme',
      'Importer 3 candidatures',
    ]) {
      preview.assertTextIncludes(text)
    }
    assert.deepEqual(await countRows(), before, 'the preview writes nothing')

    const imported = await confirm(client, coordinator, own.cohort, token, choices)
    imported.assertStatus(302)
    imported.assertHeader('location', `/coordination/promotions/${own.cohort.id}/candidatures`)
    imported.assertFlashMessage('success', '3 candidatures importées.')

    assert.deepEqual(await countRows(), {
      trainees: before.trainees + 3,
      applications: before.applications + 3,
      changes: before.changes + 3,
    })
    const amina = await Trainee.query().where('last_name', 'Lefèvre').firstOrFail()
    assert.equal(amina.organizationId, own.organization.id)
    assert.equal(amina.firstName, 'Amina')
    assert.equal(amina.email, 'amina.lefevre@exemple.fr')
    assert.equal(amina.phone, '0612345678')
    assert.equal(amina.birthDate!.toISODate(), '1990-03-21')
    assert.equal(amina.sex, 'female')
    assert.equal(amina.postalCode, '76000')
    assert.equal(amina.city, 'Rouen')
    assert.equal(amina.qualificationLevel, 3)
    assert.equal(amina.franceTravailId, '1234567A')
    assert.isTrue(amina.jobSeeker)
    assert.equal(amina.rqth, 'undisclosed')
    const nguyen = await Trainee.query().where('last_name', 'Nguyen').firstOrFail()
    assert.equal(nguyen.phone, '0711223344')
    assert.equal(nguyen.qualificationLevel, 0)
    assert.equal(nguyen.sex, 'male')
    assert.isFalse(nguyen.jobSeeker)
    assert.isNull(nguyen.email)

    const application = await Application.query().where('trainee_id', amina.id).firstOrFail()
    assert.equal(application.cohortId, own.cohort.id)
    assert.equal(application.status, 'submitted')
    assert.equal(application.source, 'france_travail')
    assert.isNull(application.rgpdConsentAt)
    assert.isNotNull(application.lastContactAt)
    assert.isTrue(application.eligible)
    assert.equal(application.eligibility?.result, 'eligible')
    const [change] = await ApplicationStatusChange.query().where('application_id', application.id)
    assert.isNull(change.fromStatus)
    assert.equal(change.toStatus, 'submitted')
    assert.equal(change.changedById, coordinator.id)
    assert.equal(change.note, 'Importée depuis liste-france-travail.csv')

    assert.deepEqual(await storedUploads(own), [], 'the upload is deleted once imported')
    mails.assertNoneQueued()
    mails.assertNoneSent()

    const pipeline = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(coordinator)
    pipeline.assertTextIncludes('LEFÈVRE')
    pipeline.assertTextIncludes('NGUYEN')
    pipeline.assertTextIncludes('Importer une liste')
  })

  test('known people are attached, those who already applied are skipped, and the same file twice creates nothing', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    // Known to the organisation, never applied to this cohort.
    const durand = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'JOËLLE',
      lastName: 'durand',
      birthDate: DateTime.fromISO('1985-11-02'),
    })
    // Same e-mail in the OTHER organisation: a stranger here.
    await Trainee.create({
      organizationId: other.organization.id,
      firstName: 'Amina',
      lastName: 'Lefèvre',
      email: 'amina.lefevre@exemple.fr',
    })
    // The world's trainee already applied to the cohort.
    const rows = [
      REFERRAL_HEADERS,
      REFERRAL_ROWS[0],
      REFERRAL_ROWS[1],
      ['Alpha', 'Stagiaire', 'TRAINEE@alpha.test', '', '', 'F', '', '', '', ''],
    ]
    const before = await countRows()

    const first = await uploadAndPreview(client, own, rows)
    first.preview.assertStatus(200)
    first.preview.assertTextIncludes(
      'personne déjà connue : la candidature sera rattachée à JOËLLE DURAND (naissance : 02/11/1985)'
    )
    first.preview.assertTextIncludes('déjà candidate à cette promotion : ignorée')
    first.preview.assertTextIncludes('dont 1 personne déjà connue')
    first.preview.assertTextIncludes('Importer 2 candidatures')

    const imported = await confirm(client, own.users.admin, own.cohort, first.token, first.choices)
    imported.assertFlashMessage(
      'success',
      '2 candidatures importées (dont 1 rattachée à une personne déjà connue), 1 déjà présente.'
    )
    assert.deepEqual(await countRows(), {
      trainees: before.trainees + 1,
      applications: before.applications + 2,
      changes: before.changes + 2,
    })
    const attached = await Application.query()
      .where('trainee_id', durand.id)
      .where('cohort_id', own.cohort.id)
      .firstOrFail()
    assert.equal(attached.status, 'submitted')
    await durand.refresh()
    assert.isNull(durand.email, 'a known person is not changed by the file')

    const again = await uploadAndPreview(client, own, rows)
    again.preview.assertTextIncludes(
      'Rien à importer : toutes les personnes de la liste ont déjà candidaté à cette promotion.'
    )
    assert.notInclude(again.preview.text(), 'id="import-form"')
    const twice = await confirm(
      client,
      own.users.coordinator,
      own.cohort,
      again.token,
      again.choices
    )
    twice.assertFlashMessage('success', 'Aucune candidature importée, 3 déjà présentes.')
    assert.deepEqual(await countRows(), {
      trainees: before.trainees + 1,
      applications: before.applications + 2,
      changes: before.changes + 2,
    })
  })

  test('rows in error are each named with their line; the import is refused and nothing is written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const rows = [
      REFERRAL_HEADERS,
      REFERRAL_ROWS[0],
      ['Martin', 'Léa', 'lea@exemple.fr', '', '31/02/1990', 'F', '', '', 'CAP', ''],
      ['Petit', 'Sam', 'sam@exemple.fr', '', '01/02/1995', 'H', '', '', 'diplôme étranger', ''],
      ['LEFEVRE', 'amina', '', '', '21/03/1990', 'F', '', '', '3', ''],
      REFERRAL_ROWS[2],
    ]
    const before = await countRows()
    const { token, choices, preview } = await uploadAndPreview(client, own, rows)

    preview.assertStatus(200)
    preview.assertTextIncludes('Import impossible : 3 lignes en erreur')
    preview.assertTextIncludes(
      'ligne 3 : date de naissance « 31/02/1990 » invalide (par exemple : 21/03/1990)'
    )
    preview.assertTextIncludes('ligne 4 : niveau « diplôme étranger » inconnu')
    preview.assertTextIncludes('ligne 5 : déjà dans le fichier ligne 2')
    assert.notInclude(preview.text(), 'id="import-form"')

    const refused = await confirm(client, own.users.coordinator, own.cohort, token, choices)
    refused.assertStatus(302)
    assert.equal(refused.header('location'), previewUrl(own.cohort, token, choices))
    refused.assertFlashMessage(
      'error',
      'Import refusé : 3 lignes en erreur. Rien n’a été enregistré. Corrigez le fichier, puis déposez-le à nouveau.'
    )
    assert.deepEqual(await countRows(), before)
  })

  test('a failure in the middle of an import rolls everything back', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const rows = [REFERRAL_HEADERS, ...REFERRAL_ROWS]
    const before = await countRows()
    const { token, choices } = await uploadAndPreview(client, own, rows)

    // The second history line cannot be written: the first row's trainee,
    // application and history line must go too.
    const create = ApplicationStatusChange.create
    let calls = 0
    ApplicationStatusChange.create = async function (
      this: typeof ApplicationStatusChange,
      ...args
    ) {
      if (++calls === 2) throw new Error('disk full')
      return create.apply(this, args)
    } as typeof ApplicationStatusChange.create
    try {
      const response = await confirm(client, own.users.coordinator, own.cohort, token, choices)
      assert.equal(response.status(), 500)
    } finally {
      ApplicationStatusChange.create = create
    }
    assert.equal(calls, 2)
    assert.deepEqual(await countRows(), before)
    assert.lengthOf(await storedUploads(own), 2, 'the upload stays for another try')
  })

  test('files that cannot be imported each get a clear answer, and nothing is kept or written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = await countRows()
    const bigCsv = Buffer.concat([
      csvFile([REFERRAL_HEADERS]),
      Buffer.alloc(5 * 1024 * 1024 + 100 * 1024, 'x'),
    ])
    const cases: [string, Buffer, string, RegExp][] = [
      [
        'a PDF renamed .csv',
        Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >>\nendobj\n', 'latin1'),
        'liste.csv',
        /^Ce fichier est un PDF/,
      ],
      ['an empty file', Buffer.alloc(0), 'liste.csv', /^Le fichier est vide/],
      ['a file over 5 MB', bigCsv, 'liste.csv', /^Le fichier pèse 5,1 Mo : la limite est de 5 Mo/],
      [
        'titles only',
        csvFile([REFERRAL_HEADERS]),
        'liste.csv',
        /^Le fichier contient seulement la ligne des titres/,
      ],
      [
        '10 000 rows',
        csvFile([REFERRAL_HEADERS, ...manyRows(10_000)]),
        'liste.csv',
        /^Le fichier contient 10\s000 lignes de personnes : la limite est de 2\s000 lignes par import/,
      ],
      [
        'an old .xls renamed .xlsx',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
        'liste.xlsx',
        /^Ce fichier est un ancien classeur Excel/,
      ],
      [
        'an image',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        'liste.csv',
        /ni un fichier CSV ni un classeur Excel/,
      ],
      [
        'a list without its title row',
        csvFile(REFERRAL_ROWS),
        'liste.csv',
        /^La première ligne du fichier doit contenir les titres des colonnes/,
      ],
    ]

    for (const [label, bytes, filename, expected] of cases) {
      const response = await upload(client, own.users.coordinator, own.cohort, bytes, filename)
      assert.equal(response.status(), 302, label)
      assert.equal(response.header('location'), importUrl(own.cohort), label)
      const bag = response.flashMessages().inputErrorsBag as Record<string, string[]> | undefined
      const errors = bag?.file ?? []
      assert.lengthOf(errors, 1, label)
      assert.match(errors[0], expected, label)
    }

    const noFile = await client
      .post(importUrl(own.cohort))
      .field('note', 'rien')
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    noFile.assertStatus(302)
    assert.deepEqual(noFile.flashMessages().inputErrorsBag, {
      file: ['Choisissez le fichier de la liste (CSV ou Excel .xlsx).'],
    })

    // The message is shown next to the file field.
    const page = await client
      .get(importUrl(own.cohort))
      .loginAs(own.users.coordinator)
      .withFlashMessages({
        inputErrorsBag: { file: ['Le fichier est vide : il ne contient aucune ligne.'] },
      })
    page.assertStatus(200)
    page.assertTextIncludes('id="field-file-error"')
    page.assertTextIncludes('Le fichier est vide : il ne contient aucune ligne.')
    page.assertTextIncludes(`${MAX_IMPORT_ROWS_LABEL} personnes au plus`)

    assert.deepEqual(await countRows(), before)
    assert.deepEqual(await storedUploads(own), [])
  })

  test('a list without a required column: the columns page says which, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const rows = [
      ['Nom', 'Courriel', 'Date de naissance'],
      ['Martin', 'lea@exemple.fr', '21/03/1990'],
    ]
    const before = await countRows()
    const { token, choices, preview } = await uploadAndPreview(client, own, rows)

    preview.assertStatus(200)
    preview.assertTextIncludes('Choisir les colonnes')
    preview.assertTextIncludes(
      'Choisissez la colonne du fichier qui contient « Prénom » : ce champ est obligatoire.'
    )
    assert.include(preview.text(), 'aria-invalid="true"')

    const refused = await confirm(client, own.users.coordinator, own.cohort, token, choices)
    refused.assertFlashMessage(
      'error',
      'Import refusé : le choix des colonnes est incomplet. Rien n’a été enregistré. Choisissez les colonnes, puis vérifiez l’aperçu.'
    )
    const noOrigin = await client
      .get(
        previewUrl(own.cohort, token, { mapping: { last_name: 0, first_name: 1 }, source: null })
      )
      .loginAs(own.users.coordinator)
    noOrigin.assertTextIncludes('Choisissez l’origine des candidatures')
    assert.deepEqual(await countRows(), before)
  })

  test('a Windows-1252 CSV with semicolons, as Excel saves it, is read with its accents', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const rows = [
      ['Nom', 'Prénom', 'Date de naissance', 'Ville', 'Origine'],
      ['Lefèvre', 'Hélène', '03/04/1988', 'Évreux', 'Mission Locale Évreux'],
    ]
    const bytes = csvFile(rows, { encoding: 'windows-1252', separator: ';' })
    assert.isFalse(bytes.includes(Buffer.from('è')), 'the fixture is not UTF-8')

    const { token, choices, preview } = await uploadAndPreview(client, own, rows, { bytes })
    preview.assertStatus(200)
    preview.assertTextIncludes('Hélène')
    preview.assertTextIncludes('Évreux')
    preview.assertTextIncludes('Mission Locale')

    const imported = await confirm(client, own.users.coordinator, own.cohort, token, choices)
    imported.assertFlashMessage('success', '1 candidature importée.')
    const helene = await Trainee.query().where('first_name', 'Hélène').firstOrFail()
    assert.equal(helene.lastName, 'Lefèvre')
    assert.equal(helene.city, 'Évreux')
    const application = await Application.query().where('trainee_id', helene.id).firstOrFail()
    assert.equal(application.source, 'mission_locale', 'the row’s origin wins over the default')
  })

  test('an XLSX list with date cells and numbers Excel shortened', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const rows: FixtureCell[][] = [
      ['Nom', 'Prénom', 'Né(e) le', 'Tél', 'CP', 'Niveau de diplôme', 'DE', 'Remarques'],
      ['Moreau', 'Inès', new Date(Date.UTC(1999, 11, 31)), 612345678, 1000, 5, 'x', 'Très motivée'],
    ]
    const bytes = await xlsxFile(rows)
    const { token, choices, preview } = await uploadAndPreview(client, own, rows, {
      bytes,
      filename: 'orientations.xlsx',
    })
    preview.assertStatus(200)
    preview.assertTextIncludes('31/12/1999')
    preview.assertTextIncludes('Niveau 5 (bac + 2)')

    await confirm(client, own.users.coordinator, own.cohort, token, choices)
    const ines = await Trainee.query().where('first_name', 'Inès').firstOrFail()
    assert.equal(ines.birthDate!.toISODate(), '1999-12-31')
    assert.equal(ines.phone, '0612345678')
    assert.equal(ines.postalCode, '01000')
    assert.equal(ines.qualificationLevel, 5)
    assert.isTrue(ines.jobSeeker)
    const application = await Application.query().where('trainee_id', ines.id).firstOrFail()
    const [change] = await ApplicationStatusChange.query().where('application_id', application.id)
    assert.equal(
      change.note,
      'Importée depuis orientations.xlsx. Remarques du fichier : Très motivée'
    )
  })

  test('HTML in a cell is shown as text on every page', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const rows = [
      ['Nom', 'Prénom', 'Courriel', 'Remarques'],
      ['<script>alert(1)</script>', '<b>Léa</b>', 'lea@exemple.fr', '<img src=x onerror=alert(2)>'],
    ]
    const { token, choices, preview } = await uploadAndPreview(client, own, rows, {
      filename: '<i>liste</i>.csv',
    })
    preview.assertStatus(200)
    const mapping = await client
      .get(`${importUrl(own.cohort)}/colonnes?upload=${token}`)
      .loginAs(own.users.coordinator)
    for (const page of [preview.text(), mapping.text()]) {
      assert.include(page, '&lt;script&gt;alert(1)&lt;/script&gt;')
      assert.notInclude(page, '<script>alert(1)')
      assert.notInclude(page, '<b>Léa</b>')
      assert.notInclude(page, '<i>liste</i>')
    }

    await confirm(client, own.users.coordinator, own.cohort, token, choices)
    const trainee = await Trainee.query().where('email', 'lea@exemple.fr').firstOrFail()
    assert.equal(trainee.lastName, '<script>alert(1)</script>', 'kept as typed')
    const pipeline = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    assert.include(pipeline.text(), '&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;')
    assert.notInclude(pipeline.text(), '<b>Léa</b>')
    const application = await Application.query().where('trainee_id', trainee.id).firstOrFail()
    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    assert.include(page.text(), '&lt;img src=x onerror=alert(2)&gt;')
    assert.notInclude(page.text(), '<img src=x')
  })

  test('uploads left behind for more than a day are deleted at the next upload', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const disk = drive.use()
    const meta = (uploadedAt: DateTime) =>
      JSON.stringify({
        filename: 'ancienne.csv',
        format: 'csv',
        cohortId: own.cohort.id,
        userId: own.users.coordinator.id,
        uploadedAt: uploadedAt.toISO(),
      })
    const stale = '11111111-1111-4111-8111-111111111111'
    const recent = '22222222-2222-4222-8222-222222222222'
    const folder = `imports/${own.organization.id}`
    await disk.put(`${folder}/${stale}.csv`, 'Nom;Prénom\nMartin;Léa\n')
    await disk.put(`${folder}/${stale}.json`, meta(DateTime.now().minus({ hours: 25 })))
    await disk.put(`${folder}/${recent}.csv`, 'Nom;Prénom\nMartin;Léa\n')
    await disk.put(`${folder}/${recent}.json`, meta(DateTime.now().minus({ hours: 2 })))
    const otherFolder = `imports/${other.organization.id}`
    await disk.put(`${otherFolder}/${stale}.json`, meta(DateTime.now().minus({ days: 3 })))

    const response = await upload(
      client,
      own.users.coordinator,
      own.cohort,
      csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS])
    )
    const token = tokenOf(response)

    assert.sameMembers(await storedUploads(own), [
      `${recent}.csv`,
      `${recent}.json`,
      `${token}.csv`,
      `${token}.json`,
    ])
    assert.isTrue(await disk.exists(`${otherFolder}/${stale}.json`), 'only one’s own organisation')
  })

  test('another organisation’s cohort is not found, and an upload stays with its cohort', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const coordinator = own.users.coordinator
    const bytes = csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS])
    const before = await countRows()

    const stored = await upload(client, other.users.coordinator, other.cohort, bytes)
    const otherToken = tokenOf(stored)
    const choices = choicesFor(REFERRAL_HEADERS)

    const otherCohort = importUrl(other.cohort)
    const visits = [
      client.get(otherCohort).loginAs(coordinator),
      upload(client, coordinator, other.cohort, bytes),
      client.get(`${otherCohort}/colonnes?upload=${otherToken}`).loginAs(coordinator),
      client.get(previewUrl(other.cohort, otherToken, choices)).loginAs(coordinator),
      confirm(client, coordinator, other.cohort, otherToken, choices),
      client
        .get(`/coordination/promotions/${other.cohort.id}/candidatures/export.xlsx`)
        .loginAs(coordinator),
    ]
    for (const visit of visits) {
      const response = await visit
      response.assertStatus(404)
    }

    // The other organisation's upload on one's own cohort: unknown here.
    const foreign = await confirm(client, coordinator, own.cohort, otherToken, choices)
    foreign.assertStatus(302)
    foreign.assertHeader('location', importUrl(own.cohort))
    foreign.assertFlashMessage(
      'error',
      'Ce fichier n’est plus disponible (il a déjà été importé, ou déposé il y a plus d’un jour). Déposez-le à nouveau.'
    )

    // An upload for one cohort is not imported into another of the same organisation.
    const second = await CohortFactory.merge({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
    }).create()
    const mine = tokenOf(await upload(client, coordinator, own.cohort, bytes))
    const elsewhere = await confirm(client, coordinator, second, mine, choices)
    elsewhere.assertHeader('location', importUrl(second))
    const notUuid = await client
      .get(`${importUrl(own.cohort)}/colonnes?upload=../../etc/passwd`)
      .header('referer', importUrl(own.cohort))
      .loginAs(coordinator)
      .redirects(0)
    notUuid.assertStatus(302)

    assert.deepEqual(await countRows(), before)
  })
})
