import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import type { ApiClient } from '@japa/api-client'
import Application from '#models/application'
import { buildWorld, type Side } from '#tests/helpers/world'
import { applicationForm, openRecruiting } from '#tests/functional/apply/helpers'

async function submit(client: ApiClient, side: Side, overrides: Record<string, unknown>) {
  const response = await client
    .post(`/candidater/${side.cohort.id}`)
    .form(applicationForm(overrides))
    .withCsrfToken()
    .redirects(0)
  response.assertHeader('location', `/candidater/${side.cohort.id}/merci`)
  return Application.query().where('cohort_id', side.cohort.id).orderBy('id', 'desc').firstOrFail()
}

test.group('Apply: eligibility is checked on arrival', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    mail.fake()
  })
  group.each.teardown(() => mail.restore())

  test('every new application stores its verdict and reasons, never a silent rejection', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.programme.eligibilityRules = {
      sexes: ['female'],
      minAge: 18,
      maxQualificationLevel: 4,
      departments: ['76'],
    }
    await own.programme.save()
    await openRecruiting(own)

    const eligible = await submit(client, own, { email: 'awa@exemple.test' })
    assert.equal(eligible.status, 'submitted')
    assert.isTrue(eligible.eligible)
    assert.equal(eligible.eligibility?.result, 'eligible')
    assert.deepEqual(eligible.eligibility?.reasons, [])
    assert.equal(eligible.eligibility?.cohortStartsOn, own.cohort.startsOn.toISODate())
    assert.isString(eligible.eligibility?.checkedAt)

    const ineligible = await submit(client, own, {
      email: 'binta@exemple.test',
      first_name: 'Binta',
      qualification_level: '6',
      postal_code: '27000',
      city: 'Évreux',
    })
    // Refused by the rules, yet received like any other: a coordinator decides.
    assert.equal(ineligible.status, 'submitted')
    assert.isFalse(ineligible.eligible)
    assert.equal(ineligible.eligibility?.result, 'ineligible')
    assert.deepEqual(ineligible.eligibility?.reasons, [
      'niveau de diplôme : licence (niveau 6), maximum bac (niveau 4)',
      'département 27 : la formation accepte 76',
    ])

    const toCheck = await submit(client, own, {
      email: 'sam@exemple.test',
      first_name: 'Sam',
      sex: 'other',
    })
    assert.isTrue(toCheck.eligible)
    assert.equal(toCheck.eligibility?.result, 'to_check')
    assert.deepEqual(toCheck.eligibility?.reasons, [
      'à vérifier : formation réservée aux femmes, genre déclaré : autre',
    ])

    const page = await client
      .get(`/coordination/candidatures/${ineligible.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Non éligible')
    page.assertTextIncludes('niveau de diplôme : licence (niveau 6), maximum bac (niveau 4)')

    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    list.assertTextIncludes('Éligible')
    list.assertTextIncludes('Non éligible')
    list.assertTextIncludes('À vérifier')
  })
})
