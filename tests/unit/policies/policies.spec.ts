import { test } from '@japa/runner'
import { Bouncer } from '@adonisjs/bouncer'
import testUtils from '@adonisjs/core/services/test_utils'
import { policies } from '#policies/main'
import * as abilities from '#abilities/main'
import ExportRun from '#models/export_run'
import type User from '#models/user'
import type { Role } from '#enums/role'
import { buildWorld } from '#tests/helpers/world'

const bouncerFor = (user: User) => new Bouncer(user, abilities, policies)

test.group('Policies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a cohort is seen by its own staff, its funder and its trainees only', async ({
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const roles: Role[] = ['admin', 'coordinator', 'trainer', 'trainee', 'funder']

    for (const role of roles) {
      assert.isTrue(
        await bouncerFor(own.users[role]).with('CohortPolicy').allows('view', own.cohort),
        `${role} of the organisation sees its cohort`
      )
      assert.isFalse(
        await bouncerFor(other.users[role]).with('CohortPolicy').allows('view', own.cohort),
        `${role} of another organisation does not`
      )
    }
    assert.isTrue(
      await bouncerFor(own.users.coordinator).with('CohortPolicy').allows('update', own.cohort)
    )
    assert.isFalse(
      await bouncerFor(own.users.trainer).with('CohortPolicy').allows('update', own.cohort)
    )
    assert.isFalse(
      await bouncerFor(other.users.admin).with('CohortPolicy').allows('update', own.cohort)
    )
  })

  test('RQTH is visible to coordinators and admins of the organisation only', async ({
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const allowed = async (user: User) =>
      bouncerFor(user).with('TraineePolicy').allows('viewHealthData', own.trainee)

    assert.isTrue(await allowed(own.users.admin))
    assert.isTrue(await allowed(own.users.coordinator))
    assert.isFalse(await allowed(own.users.trainer))
    assert.isFalse(await allowed(own.users.trainee))
    assert.isFalse(await allowed(own.users.funder))
    assert.isFalse(await allowed(other.users.coordinator))

    assert.isTrue(
      await bouncerFor(own.users.trainee).with('TraineePolicy').allows('view', own.trainee)
    )
    assert.isFalse(
      await bouncerFor(other.users.trainee).with('TraineePolicy').allows('view', own.trainee)
    )
  })

  test("the roll call is taken by the session's trainer or a coordinator", async ({ assert }) => {
    const { own, other } = await buildWorld()
    const allowed = async (user: User) =>
      bouncerFor(user).with('ClassSessionPolicy').allows('takeRollCall', own.session)

    assert.isTrue(await allowed(own.users.trainer))
    assert.isTrue(await allowed(own.users.coordinator))
    assert.isFalse(await allowed(own.users.trainee))
    assert.isFalse(await allowed(other.users.trainer))
    assert.isFalse(await allowed(other.users.coordinator))
  })

  test('applications and accounts are managed within the organisation', async ({ assert }) => {
    const { own, other } = await buildWorld()
    await own.cohort.load('applications')
    const application = own.cohort.applications[0]

    assert.isTrue(
      await bouncerFor(own.users.coordinator).with('ApplicationPolicy').allows('view', application)
    )
    assert.isFalse(
      await bouncerFor(own.users.trainer).with('ApplicationPolicy').allows('view', application)
    )
    assert.isFalse(
      await bouncerFor(other.users.coordinator)
        .with('ApplicationPolicy')
        .allows('view', application)
    )

    assert.isTrue(
      await bouncerFor(own.users.admin).with('UserPolicy').allows('manage', own.users.trainer)
    )
    assert.isFalse(
      await bouncerFor(own.users.admin).with('UserPolicy').allows('manage', other.users.trainer)
    )
    assert.isFalse(
      await bouncerFor(own.users.coordinator).with('UserPolicy').allows('manage', own.users.trainer)
    )
    assert.isTrue(await bouncerFor(own.users.admin).allows('manageOrganization'))
    assert.isFalse(await bouncerFor(own.users.coordinator).allows('manageOrganization'))
  })

  test('an export is downloaded by its requester only', async ({ assert }) => {
    const { own } = await buildWorld()
    const run = await ExportRun.create({
      organizationId: own.organization.id,
      requestedById: own.users.coordinator.id,
      kind: 'outcomes',
      status: 'done',
      progress: 100,
    })
    assert.isTrue(
      await bouncerFor(own.users.coordinator).with('ExportRunPolicy').allows('download', run)
    )
    assert.isFalse(
      await bouncerFor(own.users.admin).with('ExportRunPolicy').allows('download', run)
    )
  })
})
