import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import ExportRun from '#models/export_run'
import Trainee from '#models/trainee'
import { buildWorld } from '#tests/helpers/world'
import { pseudonym } from '#exports/outcome_spreadsheet'
import { bufferSpreadsheets } from '#tests/functional/attendance/absences_helpers'
import { knownSet, parcoursRows, readWorkbook } from '#tests/functional/exports/known_set'

test.group('Outcome export: request, build, download, read back', (group) => {
  group.setup(() => bufferSpreadsheets())
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('a coordinator gets a spreadsheet equal to the database, pseudonymised', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const set = await knownSet(own)

    const request = await client
      .post('/coordination/exports')
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ funder_id: own.funder.id, from: set.from.toISODate(), to: set.to.toISODate() })
      .redirects(0)
    request.assertStatus(302)
    const run = await ExportRun.findByOrFail('requested_by_id', own.users.coordinator.id)
    assert.equal(run.status, 'done')
    assert.equal(run.progress, 100)
    assert.equal(run.rowCount, 3)
    assert.match(run.filePath!, new RegExp(`^exports/${run.id}-[0-9a-f-]{36}\\.xlsx$`))
    assert.isTrue(run.expiresAt! > run.finishedAt!)

    const page = await client.get(`/exports/${run.id}`).loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Prêt')
    page.assertTextIncludes('Télécharger le fichier (3 parcours)')

    const download = await client.get(`/exports/${run.id}/fichier`).loginAs(own.users.coordinator)
    download.assertStatus(200)
    assert.include(download.header('content-type'), 'spreadsheetml')
    assert.include(
      download.header('content-disposition'),
      'attachment; filename="resultats-funder-alpha-'
    )
    const workbook = await readWorkbook(download.body())

    assert.deepEqual(
      workbook.worksheets.map((sheet) => sheet.name),
      ['Parcours', 'Synthèse', 'Définitions']
    )
    const parcours = workbook.getWorksheet('Parcours')!
    assert.equal(parcours.views[0].state, 'frozen')
    assert.equal((parcours.views[0] as any).ySplit, 1)
    assert.isOk(parcours.autoFilter)
    assert.isAbove(parcours.getColumn(1).width!, 8)

    const { headers, rows } = parcoursRows(workbook)
    assert.equal(headers[0], 'Identifiant')
    assert.notInclude(headers, 'Nom')
    assert.notInclude(headers, 'Date de naissance')
    assert.include(headers, 'Situation — À la sortie')
    assert.include(headers, 'Sortie positive (GEN) — À la sortie')
    assert.lengthOf(rows, 3)

    // Row by row against the database.
    const enrollments = [set.a, set.b, set.c]
    const expected = {
      [set.a.id]: { attended: 3.5, situation: 'En emploi', exit: true, gen: 'Oui' },
      [set.b.id]: { attended: 0, situation: 'En recherche d’emploi', exit: true, gen: 'Non' },
      [set.c.id]: { attended: 0, situation: 'En formation', exit: false, gen: 'Oui' },
    }
    for (const enrollment of enrollments) {
      await enrollment.refresh()
      const row = rows.find(
        (line) => line['Identifiant'] === pseudonym(own.funder.id, enrollment.traineeId)
      )
      assert.isOk(row, `row of enrollment ${enrollment.id}`)
      const entry = row!['Entrée le']
      assert.instanceOf(entry, Date)
      assert.equal((entry as Date).toISOString().slice(0, 10), enrollment.startsOn.toISODate())
      const exit = row!['Sortie le']
      if (expected[enrollment.id].exit) {
        assert.instanceOf(exit, Date)
        assert.equal((exit as Date).toISOString().slice(0, 10), enrollment.exitOn!.toISODate())
      } else {
        assert.isNull(exit)
      }
      assert.strictEqual(row!['Heures prévues'], 3.5)
      assert.strictEqual(row!['Heures réalisées'], expected[enrollment.id].attended)
      assert.equal(row!['Situation — À la sortie'], expected[enrollment.id].situation)
      assert.equal(row!['Sortie positive (GEN) — À la sortie'], expected[enrollment.id].gen)
      assert.equal(row!['Promotion'], own.cohort.name)
      assert.isNull(row!['Situation — À 3 mois'])
    }
    // Date cells carry a day format, so they open as dates.
    assert.equal(parcours.getRow(2).getCell(headers.indexOf('Entrée le') + 1).numFmt, 'dd/mm/yyyy')

    // Synthèse: GEN at exit counts over those who left (2), one yes.
    const synthesis = workbook.getWorksheet('Synthèse')!
    let gen: unknown[] | undefined
    synthesis.eachRow((row) => {
      const values = row.values as unknown[]
      if (values[1] === 'Sorties positives (GEN)' && values[2] === 'À la sortie') gen = values
    })
    assert.deepEqual(gen!.slice(4, 8), [1, 2, 0, 0.5])
    const definitions = workbook.getWorksheet('Définitions')!
    let texts = ''
    definitions.eachRow((row) => (texts += (row.values as unknown[]).join(' ')))
    assert.include(texts, 'En CDI, en CDD (quelle que soit sa durée)')
  })

  test('a funder receiving names gets them, with the birth date as a date', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const set = await knownSet(own)
    own.funder.receivesNames = true
    await own.funder.save()

    await client
      .post('/financeur/exports')
      .loginAs(own.users.funder)
      .withCsrfToken()
      .form({ from: set.from.toISODate(), to: set.to.toISODate() })
    const run = await ExportRun.findByOrFail('requested_by_id', own.users.funder.id)
    assert.equal(run.status, 'done')
    assert.isNull(run.organizationId)
    const workbook = await readWorkbook(await drive.use().getBytes(run.filePath!))
    const { headers, rows } = parcoursRows(workbook)
    assert.includeMembers(headers, ['Nom', 'Prénom', 'Date de naissance'])
    const bruno = await Trainee.findByOrFail('first_name', 'Bruno')
    const row = rows.find((line) => line['Nom'] === 'Bernard')!
    assert.equal(row['Prénom'], 'Bruno')
    assert.equal(row['Identifiant'], pseudonym(own.funder.id, bruno.id))
    assert.instanceOf(row['Date de naissance'], Date)
    assert.equal((row['Date de naissance'] as Date).toISOString().slice(0, 10), '1990-04-12')
  })

  test('the pseudonym is stable for a funder and differs between funders', async ({ assert }) => {
    assert.match(pseudonym(1, 42), /^P-[0-9A-F]{8}$/)
    assert.equal(pseudonym(1, 42), pseudonym(1, 42))
    assert.notEqual(pseudonym(1, 42), pseudonym(2, 42))
  })
})
