import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld, removeWorldFiles } from '#tests/helpers/world'

/**
 * Pages without an id list what the visitor may reach: two funders of
 * the same organisation each see their own cohorts and exports only.
 */
test.group('Lists stay within one funder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a funder's cohorts and exports pages never show another funder's", async ({
    client,
    assert,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const { own } = world
    const neighbour = own.peers!.funder

    for (const [funder, shown, hidden] of [
      [own, own, neighbour],
      [neighbour, neighbour, own],
    ]) {
      const cohorts = await client.get('/financeur/promotions').loginAs(funder.users.funder)
      cohorts.assertStatus(200)
      cohorts.assertTextIncludes(shown.cohort.name)
      assert.notInclude(cohorts.text(), hidden.cohort.name)
      assert.notInclude(cohorts.text(), world.other.cohort.name)

      const exports = await client.get('/financeur/exports').loginAs(funder.users.funder)
      exports.assertStatus(200)
      exports.assertTextIncludes(`/exports/${shown.exportRun!.id}`)
      assert.notMatch(exports.text(), new RegExp(`/exports/${hidden.exportRun!.id}(?!\\d)`))
      assert.notInclude(exports.text(), hidden.funder.name)
    }
  })
})
