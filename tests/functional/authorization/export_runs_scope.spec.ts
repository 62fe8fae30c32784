import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Funder from '#models/funder'
import { buildWorld, removeWorldFiles } from '#tests/helpers/world'

/**
 * An export run is reached by the person who asked it, from where they
 * asked it: an account moved to another funder or organisation (a person
 * changing jobs keeps their address) no longer reaches its former runs,
 * which hold the former employer's data.
 */
test.group('Export runs stay with the funder or organisation they were asked from', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a funder account moved to another funder gets 404 on its former run', async ({
    client,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const { own } = world
    const run = own.exportRun!
    const account = own.users.funder
    for (const path of [`/exports/${run.id}`, `/exports/${run.id}/fichier`]) {
      const before = await client.get(path).loginAs(account)
      before.assertStatus(200)
    }

    const elsewhere = await Funder.create({ name: 'Autre financeur', slug: 'autre', kind: 'opco' })
    account.funderId = elsewhere.id
    await account.save()
    for (const path of [
      `/exports/${run.id}`,
      `/exports/${run.id}/avancement`,
      `/exports/${run.id}/fichier`,
    ]) {
      const after = await client.get(path).loginAs(account)
      after.assertStatus(404)
    }
  })

  test('a coordinator moved to another organisation gets 404 on their former run', async ({
    client,
    cleanup,
  }) => {
    const world = await buildWorld({ peers: true })
    cleanup(() => removeWorldFiles(world))
    const { own, other } = world
    const run = own.exportRun!
    run.merge({ organizationId: own.organization.id, requestedById: own.users.coordinator.id })
    await run.save()
    const coordinator = own.users.coordinator
    const before = await client.get(`/exports/${run.id}`).loginAs(coordinator)
    before.assertStatus(200)

    coordinator.organizationId = other.organization.id
    await coordinator.save()
    const after = await client.get(`/exports/${run.id}`).loginAs(coordinator)
    after.assertStatus(404)
  })
})
