import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExportRun from '#models/export_run'
import { assertAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import { signIn } from '#tests/browser/a11y/audit'

/**
 * An export being built updates itself without a timed <meta refresh>
 * (WCAG 2.2.1): resources/js/app.js asks its progress and reloads the page
 * once it is finished.
 */
test.group('Export progress without a timed refresh', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a running export shows its progress, then its end, by itself', async ({
    browserContext,
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
    const page = await signIn(browserContext, own.users.coordinator.email)
    await page.goto(`/exports/${run.id}`)
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0)
    assert.equal(await page.getByRole('status').innerText(), 'État : En préparation')
    assert.equal(await page.getByLabel('Avancement').getAttribute('value'), '40')
    await assertAccessible(page)

    run.merge({ progress: 80 })
    await run.save()
    await page.locator('#export-progress[value="80"]').waitFor({ timeout: 15_000 })

    run.merge({ status: 'failed', error: 'Le calcul a échoué.' })
    await run.save()
    await page.getByRole('alert').filter({ hasText: 'Le calcul a échoué.' }).waitFor({
      timeout: 15_000,
    })
    assert.equal(await page.getByLabel('Avancement').count(), 0)
    await assertAccessible(page)
  }).timeout(60_000)
})
