import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import PartnerCompany from '#models/partner_company'
import SaveCompany from '#actions/companies/save_company'
import { DUPLICATE_SIRET_MESSAGE } from '#validators/partner_company'
import { buildWorld } from '#tests/helpers/world'
import { countChanges, rowCounts } from '#tests/functional/fuzz/helpers'

test.group('Fuzz: bugs found by bad input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a SIRET saved by someone else after the form was checked is a validation message, not a 500', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = await rowCounts()
    // The form's check passed a moment ago; meanwhile own.company took the SIRET.
    const racing = new SaveCompany().handle({
      organizationId: own.organization.id,
      company: null,
      payload: { name: 'Doublon', siret: own.company.siret! } as any,
    })
    const error = await racing.then(
      () => null,
      (failure) => failure
    )
    assert.equal(error?.code, 'E_VALIDATION_ERROR')
    assert.deepEqual(error.messages, [
      { field: 'siret', message: DUPLICATE_SIRET_MESSAGE, rule: 'siretTaken' },
    ])
    assert.deepEqual(countChanges(before, await rowCounts()), [])

    // Editing another company to that SIRET races the same way.
    const second = await PartnerCompany.create({
      organizationId: own.organization.id,
      name: 'Seconde',
    })
    const editing = await new SaveCompany()
      .handle({
        organizationId: own.organization.id,
        company: second,
        payload: { name: 'Seconde', siret: own.company.siret! } as any,
      })
      .then(
        () => null,
        (failure) => failure
      )
    assert.equal(editing?.code, 'E_VALIDATION_ERROR')
    await second.refresh()
    assert.isNull(second.siret)
  })

  test('the company search takes % and _ literally', async ({ client, assert }) => {
    const { own } = await buildWorld()
    for (const name of ['Remise 100%', 'Remise 1000', 'Atelier_Nord', 'AtelierXNord']) {
      await PartnerCompany.create({ organizationId: own.organization.id, name })
    }
    const search = async (q: string) => {
      const page = await client
        .get(router.makeUrl('coordinator.companies.index'))
        .qs({ q })
        .loginAs(own.users.coordinator)
      page.assertStatus(200)
      return ['Remise 100%', 'Remise 1000', 'Atelier_Nord', 'AtelierXNord'].filter((name) =>
        page.text().includes(`${name}<`)
      )
    }
    assert.deepEqual(await search('100%'), ['Remise 100%'])
    assert.deepEqual(await search('e_1'), [])
    assert.deepEqual(await search('_nord'), ['Atelier_Nord'])
    assert.deepEqual(await search('%'), ['Remise 100%'])
    assert.deepEqual(await search('\\'), [])
  })

  test('an id beyond the database range in a URL is a 404 page, not a 500', async ({ client }) => {
    const { own } = await buildWorld()
    for (const id of ['99999999999', '9223372036854775808', '1'.repeat(400)]) {
      const page = await client.get(`/coordination/promotions/${id}`).loginAs(own.users.coordinator)
      page.assertStatus(404)
      page.assertTextIncludes('Cette page n’existe pas')
    }
  })
})
