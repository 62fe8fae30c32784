import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ExcelJS from 'exceljs'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import type Cohort from '#models/cohort'
import type User from '#models/user'
import Trainee from '#models/trainee'
import { nowInParis } from '#services/sql_time'
import { ageOn } from '#actions/applications/check_eligibility'
import { buildWorld } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'

const exportUrl = (cohort: Cohort, status?: string) =>
  `/coordination/promotions/${cohort.id}/candidatures/export.xlsx${status ? `?statut=${status}` : ''}`

/**
 * Downloads the export and reads it back with ExcelJS.
 */
async function download(client: ApiClient, user: User, url: string) {
  const request = client.get(url).loginAs(user)
  // The body is binary: keep its bytes as they come.
  request.request.parse((res, callback) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => callback(null, Buffer.concat(chunks)))
  })
  const response = await request
  const workbook = new ExcelJS.Workbook()
  if (response.status() === 200) await workbook.xlsx.load(response.body())
  return { response, workbook, sheet: workbook.worksheets[0] }
}

/**
 * The sheet as objects keyed by the titles of row 1.
 */
function records(sheet: ExcelJS.Worksheet) {
  const titles = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String)
  const result: Record<string, ExcelJS.CellValue>[] = []
  sheet.eachRow((row, number) => {
    if (number === 1) return
    const record: Record<string, ExcelJS.CellValue> = {}
    titles.forEach((title, index) => (record[title] = row.getCell(index + 1).value))
    result.push(record)
  })
  return result
}

test.group('Applications: exporting the pipeline', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('one row per application, with words, real dates, a frozen title row and filters', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'submitted', {
      source: 'mission_locale',
      eligible: false,
      eligibility: {
        result: 'ineligible',
        reasons: ['âge : 17 ans, minimum 18', 'à vérifier : code postal inconnu'],
      },
      lastContactAt: DateTime.fromISO('2026-02-10T23:30:00Z'),
    })
    const trainee = await Trainee.findOrFail(application.traineeId)
    trainee.merge({
      firstName: 'Léa',
      email: 'lea.martin@exemple.fr',
      phone: '0612345678',
      birthDate: DateTime.fromISO('1990-03-21'),
      sex: 'female',
      postalCode: '76000',
      city: 'Rouen',
      qualificationLevel: 4,
      jobSeeker: true,
      franceTravailId: '1234567A',
      rqth: 'yes',
    })
    await trainee.save()

    const { response, sheet } = await download(client, own.users.coordinator, exportUrl(own.cohort))
    response.assertStatus(200)
    response.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    response.assertHeader(
      'content-disposition',
      `attachment; filename="candidatures-promotion-alpha-${nowInParis().toISODate()}.xlsx"`
    )

    assert.equal(sheet.name, 'Candidatures')
    const titles = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)
    assert.deepEqual(titles, [
      'Nom',
      'Prénom',
      'E-mail',
      'Téléphone',
      'Date de naissance',
      'Âge',
      'Sexe',
      'Code postal',
      'Ville',
      'Niveau de diplôme',
      'Demandeur ou demandeuse d’emploi',
      'Identifiant France Travail',
      'Origine',
      'Prescripteur',
      'Statut',
      'Éligibilité',
      'Motifs d’éligibilité',
      'Reçue le',
      'Dernier contact',
    ])
    assert.notInclude(titles.join(' '), 'RQTH', 'health data stays out of the file')
    assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: 'frozen', ySplit: 1 })
    assert.equal(sheet.autoFilter as unknown as string, 'A1:S1')
    assert.isAbove(sheet.getColumn(3).width ?? 0, 20)

    const rows = records(sheet)
    assert.lengthOf(rows, 2, 'the world’s application and Martin’s')
    const martin = rows.find((row) => row['Nom'] === 'Martin')!
    assert.deepInclude(martin, {
      'Prénom': 'Léa',
      'E-mail': 'lea.martin@exemple.fr',
      'Téléphone': '0612345678',
      'Âge': ageOn(DateTime.fromISO('1990-03-21'), nowInParis()),
      'Sexe': 'Femme',
      'Code postal': '76000',
      'Ville': 'Rouen',
      'Niveau de diplôme': 'Niveau 4 (bac)',
      'Demandeur ou demandeuse d’emploi': 'Oui',
      'Identifiant France Travail': '1234567A',
      'Origine': 'Mission Locale',
      'Statut': 'Reçue',
      'Éligibilité': 'Non éligible',
      'Motifs d’éligibilité': 'âge : 17 ans, minimum 18 ; à vérifier : code postal inconnu',
    })
    const birth = martin['Date de naissance']
    assert.instanceOf(birth, Date, 'a real date cell')
    assert.equal((birth as Date).toISOString(), '1990-03-21T00:00:00.000Z')
    const birthCell = sheet.getRow(rows.indexOf(martin) + 2).getCell(5)
    assert.equal(birthCell.numFmt, 'dd/mm/yyyy')
    assert.equal(birthCell.type, ExcelJS.ValueType.Date)
    // 23:30 UTC on 10 February is 11 February in Paris.
    assert.equal((martin['Dernier contact'] as Date).toISOString(), '2026-02-11T00:00:00.000Z')
    assert.instanceOf(martin['Reçue le'], Date)

    const world = rows.find((row) => row['Nom'] === 'alpha')!
    assert.equal(world['Statut'], 'Étude du dossier')
    assert.equal(world['Éligibilité'], 'Non vérifiée')
    assert.isNull(world['Date de naissance'])
  })

  test('the list’s status filter is kept', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await applicant(own.cohort, 'Martin', 'submitted')
    await applicant(own.cohort, 'Bernard', 'submitted')
    await applicant(own.cohort, 'Petit', 'rejected')

    const { response, sheet } = await download(
      client,
      own.users.admin,
      exportUrl(own.cohort, 'submitted')
    )
    response.assertStatus(200)
    assert.include(
      response.header('content-disposition'),
      `-recue-${nowInParis().toISODate()}.xlsx`
    )
    assert.sameMembers(
      records(sheet).map((row) => row['Nom']),
      ['Martin', 'Bernard']
    )

    const all = await download(client, own.users.admin, exportUrl(own.cohort, 'nimporte'))
    assert.lengthOf(records(all.sheet), 4)
  })

  test('the pipeline links to the export with its filter; other organisations get 404', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const page = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures?statut=rejected`)
      .loginAs(own.users.coordinator)
    assert.include(page.text(), `href="${exportUrl(own.cohort, 'rejected')}"`)
    page.assertTextIncludes('Exporter (XLSX)')

    const foreign = await client.get(exportUrl(other.cohort)).loginAs(own.users.coordinator)
    foreign.assertStatus(404)
    const trainer = await client.get(exportUrl(own.cohort)).loginAs(own.users.trainer).redirects(0)
    trainer.assertStatus(403)
  })
})
