import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { assertAccessible, visitAccessible } from '#tests/helpers/axe'
import { buildWorld } from '#tests/helpers/world'
import Outcome from '#models/outcome'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'

test.group('Follow-up self-report from a phone', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a former trainee answers at 360×740 without an account, by the labels alone', async ({
    visit,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)

    const page = await visitAccessible(visit, `/ma-situation/${token}`)
    await page.setViewportSize({ width: 360, height: 740 })
    await assertAccessible(page)
    const overflow = await page.evaluate<boolean>(
      'document.documentElement.scrollWidth > document.documentElement.clientWidth'
    )
    assert.isFalse(overflow, 'no horizontal scrolling on a phone')

    // A first try with a mistake: the message shows on its field.
    await page.getByLabel('En emploi').check()
    await page.getByLabel('Type de contrat').selectOption({ label: 'CDD' })
    await page.getByRole('button', { name: 'Envoyer' }).click()
    await page.waitForLoadState('load')
    assert.include(
      await page.locator('#field-contract_months-error').innerText(),
      'Indiquez la durée du contrat, en mois.'
    )
    await assertAccessible(page)

    await page.getByLabel('En emploi').check()
    await page.getByLabel('Type de contrat').selectOption({ label: 'CDD' })
    await page.getByLabel('Durée du contrat, en mois').fill('6')
    await page.getByLabel('Nom de l’employeur').fill('Boulangerie Martin')
    await page.getByRole('button', { name: 'Envoyer' }).click()
    await page.waitForLoadState('load')

    assert.equal(await page.locator('h1').innerText(), 'Merci, c’est enregistré.')
    await assertAccessible(page)
    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.employerName, 'Boulangerie Martin')
    assert.equal(outcome.contractMonths, 6)
  })
})
