import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import Trainee from '#models/trainee'
import Application from '#models/application'
import { buildWorld } from '#tests/helpers/world'
import { applicationForm, openRecruiting } from '#tests/functional/apply/helpers'
import { SCRIPT, countChanges, judge, rowCounts } from '#tests/functional/fuzz/helpers'

/**
 * Text a person may really type: it must be kept as typed and shown as
 * text, never as markup.
 */
const LEGITIMATE = {
  'emoji, accents, combining marks': 'Zoë 👩🏽‍💻 Ñandú e\u0301',
  'right-to-left text': 'مرحبا بكم שלום',
  'markup and script': `Dupont ${SCRIPT} <b>gras</b> & fils`,
  'SQL metacharacters': `O'Brien"; DROP TABLE users; --`,
}

function assertShownAsText(assert: any, html: string, value: string) {
  assert.notInclude(html, SCRIPT, 'the script is never shown as markup')
  assert.notInclude(html, '<b>gras</b>')
  if (value.includes('<')) assert.include(html, '&lt;script&gt;')
  else if (!value.includes('"') && !value.includes("'")) assert.include(html, value)
}

test.group('Fuzz: legitimate unusual text is kept and shown escaped', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  for (const [label, value] of Object.entries(LEGITIMATE)) {
    test(`a company and its contact named with ${label}`, async ({ client, assert }) => {
      const { own } = await buildWorld()
      const response = await client
        .post(router.makeUrl('coordinator.companies.store'))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form({ name: value, sector: value, city: value, notes: value })
        .redirects(0)
      assert.isFalse(judge(response).refused, 'accepted')
      const company = await PartnerCompany.query()
        .where('organization_id', own.organization.id)
        .orderBy('id', 'desc')
        .firstOrFail()
      assert.equal(company.name, value)
      assert.equal(company.notes, value)
      assert.equal(
        response.header('location'),
        router.makeUrl('coordinator.companies.show', { id: company.id })
      )

      const contact = await client
        .post(router.makeUrl('coordinator.companies.contacts.store', { id: company.id }))
        .loginAs(own.users.coordinator)
        .withCsrfToken()
        .form({ full_name: value, role: value })
        .redirects(0)
      assert.isFalse(judge(contact).refused, 'accepted')
      const stored = await CompanyContact.query()
        .where('partner_company_id', company.id)
        .firstOrFail()
      assert.equal(stored.fullName, value)

      const page = await client
        .get(router.makeUrl('coordinator.companies.show', { id: company.id }))
        .loginAs(own.users.coordinator)
      page.assertStatus(200)
      assertShownAsText(assert, page.text(), value)

      const index = await client
        .get(router.makeUrl('coordinator.companies.index'))
        .qs({ q: value })
        .loginAs(own.users.coordinator)
      index.assertStatus(200)
      assertShownAsText(assert, index.text(), value)
    })

    test(`a public application written with ${label}`, async ({ client, assert }) => {
      const { own } = await buildWorld()
      await openRecruiting(own)
      const response = await client
        .post(router.makeUrl('apply.store', { id: own.cohort.id }))
        .withCsrfToken()
        .form(applicationForm({ last_name: value, motivation: value, availability: value }))
        .redirects(0)
      assert.isFalse(judge(response).refused, 'accepted')
      const trainee = await Trainee.query().where('last_name', value).firstOrFail()
      const application = await Application.query().where('trainee_id', trainee.id).firstOrFail()

      const page = await client
        .get(router.makeUrl('coordinator.applications.show', { id: application.id }))
        .loginAs(own.users.coordinator)
      page.assertStatus(200)
      assertShownAsText(assert, page.text(), value)
    })
  }

  test('a NUL byte in a name is refused in French or dropped, never a 500', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = await rowCounts()
    const response = await client
      .post(router.makeUrl('coordinator.companies.store'))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ name: 'Garage\u0000 Dupuis', notes: 'a\u0000b' })
      .redirects(0)
    const verdict = judge(response)
    assert.isNull(verdict.problem)
    if (verdict.refused) {
      assert.deepEqual(countChanges(before, await rowCounts()), [])
    } else {
      const company = await PartnerCompany.query()
        .where('organization_id', own.organization.id)
        .orderBy('id', 'desc')
        .firstOrFail()
      assert.notInclude(company.name, '\u0000')
      assert.equal(company.name, 'Garage Dupuis')
    }
  })
})
