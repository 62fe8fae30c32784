import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { buildWorld } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'

const url = (cohortId: number) => `/coordination/promotions/${cohortId}/mixite`

test.group('Applications: the label mix of a cohort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows each population and names the gap to the programme’s targets', async ({ client }) => {
    const { own } = await buildWorld()
    own.programme.targetRatios = { women: 0.5, jobSeekers: 0.5 }
    await own.programme.save()
    // Enrolled: the world's trainee (a woman) and 3 men, 2 of them job seekers.
    for (const [lastName, jobSeeker] of [
      ['Martin', true],
      ['Bernard', true],
      ['Petit', false],
    ] as const) {
      const application = await applicant(own.cohort, lastName, 'admitted')
      await application.load('trainee')
      application.trainee.merge({ sex: 'male', jobSeeker })
      await application.trainee.save()
      await EnrollmentFactory.merge({
        organizationId: own.organization.id,
        cohortId: own.cohort.id,
        traineeId: application.traineeId,
        status: 'enrolled',
        startsOn: own.cohort.startsOn,
      }).create()
    }

    const response = await client.get(url(own.cohort.id)).loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Mixité des publics : Promotion alpha')
    response.assertTextIncludes('Inscrits (4)')
    response.assertTextIncludes('Candidatures (4)')
    // 1 woman in 4: (1 + n) / (4 + n) ≥ 50 % needs 2 more.
    response.assertTextIncludes('il manque 2 femmes pour atteindre 50 %')
    response.assertTextIncludes('Demandeurs d’emploi</strong> : 2 sur 4, objectif 50 %')
    response.assertTextIncludes('objectif atteint')
  })

  test('another organisation’s cohort is not found', async ({ client }) => {
    const { own, other } = await buildWorld()
    const response = await client.get(url(other.cohort.id)).loginAs(own.users.coordinator)
    response.assertStatus(404)
  })
})
