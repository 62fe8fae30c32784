import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import ExportRun from '#models/export_run'
import Funder from '#models/funder'
import dispatcher from '#services/dispatcher'
import BuildOutcomeExportJob from '#jobs/build_outcome_export_job'
import { purgeExpiredExports } from '#actions/exports/outcome_exports'
import { buildWorld, type Side } from '#tests/helpers/world'
import { knownSet } from '#tests/functional/exports/known_set'

async function doneRun(side: Side) {
  const set = await knownSet(side)
  await side.funder.refresh()
  const run = await ExportRun.create({
    organizationId: side.organization.id,
    funderId: side.funder.id,
    requestedById: side.users.coordinator.id,
    kind: 'outcomes',
    filters: { from: set.from.toISODate(), to: set.to.toISODate() },
    status: 'queued',
    progress: 0,
  })
  const result = await dispatcher.dispatch(BuildOutcomeExportJob, { exportRunId: run.id })
  await run.refresh()
  return { run, result }
}

test.group('Export runs: who, when, and why not', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('another person gets 404 on the run, its progress and its file', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { run } = await doneRun(own)
    assert.equal(run.status, 'done')
    for (const url of [
      `/exports/${run.id}`,
      `/exports/${run.id}/avancement`,
      `/exports/${run.id}/fichier`,
    ]) {
      // Same organisation, other person: still not theirs.
      const response = await client.get(url).loginAs(own.users.admin)
      response.assertStatus(404)
      assert.notInclude(response.header('content-type') ?? '', 'spreadsheetml')
    }
    const mine = await client.get(`/exports/${run.id}/fichier`).loginAs(own.users.coordinator)
    mine.assertStatus(200)
  })

  test('an expired link says so and leaks nothing; the purge deletes the file', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { run } = await doneRun(own)
    const key = run.filePath!
    assert.isTrue(await drive.use().exists(key))
    run.expiresAt = DateTime.now().minus({ minutes: 1 })
    await run.save()

    const late = await client.get(`/exports/${run.id}/fichier`).loginAs(own.users.coordinator)
    late.assertStatus(410)
    late.assertTextIncludes('Ce fichier a expiré')
    assert.notInclude(late.header('content-type'), 'spreadsheetml')

    assert.equal(await purgeExpiredExports(), 1)
    assert.isFalse(await drive.use().exists(key))
    await run.refresh()
    assert.isNull(run.filePath)
    const page = await client.get(`/exports/${run.id}`).loginAs(own.users.coordinator)
    page.assertTextIncludes('Expiré')
    page.assertTextIncludes('Ce fichier a expiré. Demandez un nouvel export.')
  })

  test('a failed run says why on its page and has no file', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const run = await ExportRun.create({
      organizationId: own.organization.id,
      funderId: null,
      requestedById: own.users.coordinator.id,
      kind: 'outcomes',
      filters: { from: '2020-01-01', to: '2020-12-31' },
      status: 'queued',
      progress: 0,
    })
    const result = await dispatcher.dispatch(BuildOutcomeExportJob, { exportRunId: run.id })
    assert.equal(result.driver === 'sync' && result.status, 'failed')
    await run.refresh()
    assert.equal(run.status, 'failed')
    assert.isNull(run.filePath)

    const page = await client.get(`/exports/${run.id}`).loginAs(own.users.coordinator)
    page.assertTextIncludes('Échec')
    page.assertTextIncludes('La construction du fichier a échoué')
    const file = await client.get(`/exports/${run.id}/fichier`).loginAs(own.users.coordinator)
    file.assertStatus(404)
    file.assertTextIncludes('Cet export a échoué : aucun fichier à télécharger.')
  })

  test('a period with no funded cohort, or a funder with none, is refused with no run', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const page = await client
      .post('/coordination/exports')
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ funder_id: own.funder.id, from: '2001-01-01', to: '2001-12-31' })
    page.assertTextIncludes(
      'Aucune promotion financée par Financeur alpha ne se déroule entre le 01/01/2001 et le 31/12/2001 : rien à exporter.'
    )

    // A funder with no cohort of this organisation is not offered, and refused.
    const stranger = await Funder.create({
      name: 'Financeur sans promotion',
      slug: 'sans',
      kind: 'region',
    })
    const again = await client
      .post('/coordination/exports')
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ funder_id: stranger.id, from: '2020-01-01', to: '2030-12-31' })
    again.assertTextIncludes('Ce financeur ne fait pas partie de ceux que vous pouvez exporter.')
    assert.notInclude(again.text(), '>Financeur sans promotion<')

    // Reversed dates: the validator's French message.
    const reversed = await client
      .post('/coordination/exports')
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .header('referer', '/coordination/exports')
      .form({ funder_id: own.funder.id, from: '2025-06-30', to: '2025-01-01' })
    reversed.assertTextIncludes('Le dernier jour doit être le même jour que le premier, ou après.')

    const runs = await ExportRun.query().select('id')
    assert.lengthOf(runs, 0)
  })

  test('a running export shows its progress bar and refreshes itself', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const run = await ExportRun.create({
      organizationId: own.organization.id,
      funderId: own.funder.id,
      requestedById: own.users.coordinator.id,
      kind: 'outcomes',
      filters: { from: '2025-01-01', to: '2025-06-30' },
      status: 'running',
      progress: 40,
    })
    const page = await client.get(`/exports/${run.id}`).loginAs(own.users.coordinator)
    page.assertTextIncludes('<progress id="export-progress" max="100" value="40">40 %</progress>')
    // Updated by resources/js/app.js (no timed <meta refresh>: WCAG 2.2.1),
    // with a reload link for pages without JavaScript.
    assert.notInclude(page.text(), 'http-equiv="refresh"')
    page.assertTextIncludes('data-running')
    page.assertTextIncludes(`<a href="/exports/${run.id}">la recharger</a>`)
    page.assertTextIncludes('En préparation')
    const json = await client.get(`/exports/${run.id}/avancement`).loginAs(own.users.coordinator)
    json.assertBodyContains({ status: 'running', progress: 40 })
    const list = await client.get('/coordination/exports').loginAs(own.users.coordinator)
    list.assertTextIncludes('du 01/01/2025 au 30/06/2025')
    list.assertTextIncludes('40 %')
    const notReady = await client.get(`/exports/${run.id}/fichier`).loginAs(own.users.coordinator)
    notReady.assertStatus(404)
    notReady.assertTextIncludes('Le fichier n’est pas encore prêt')
    assert.isFalse(page.text().includes('Télécharger le fichier'))
  })

  test('the job stores its progress after each chunk', async ({ assert }) => {
    const { own } = await buildWorld()
    const seen: number[] = []
    const original = ExportRun.prototype.save
    ExportRun.prototype.save = async function (this: ExportRun) {
      if (this.status === 'running') seen.push(this.progress)
      return original.call(this)
    }
    try {
      const { run } = await doneRun(own)
      assert.equal(run.status, 'done')
      assert.equal(run.progress, 100)
    } finally {
      ExportRun.prototype.save = original
    }
    // Started at 0, then 99 after the only chunk (3 of 3), 100 once stored.
    assert.deepEqual(seen, [0, 99])
  })
})
