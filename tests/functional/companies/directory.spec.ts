import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import Outcome from '#models/outcome'
import { buildWorld, type Side } from '#tests/helpers/world'

const INDEX = '/coordination/entreprises'
const showUrl = (id: number) => `${INDEX}/${id}`

async function company(side: Side, name: string, extra: Partial<PartnerCompany> = {}) {
  return PartnerCompany.create({ organizationId: side.organization.id, name, ...extra })
}

async function internshipAt(side: Side, target: PartnerCompany) {
  return Internship.create({
    organizationId: side.organization.id,
    enrollmentId: side.enrollment.id,
    partnerCompanyId: target.id,
    kind: 'stage',
    startsOn: DateTime.fromISO('2026-03-02'),
    endsOn: DateTime.fromISO('2026-03-20'),
    status: 'signed',
  })
}

async function hire(side: Side, link: { partnerCompanyId?: number; employerSiret?: string }) {
  return Outcome.create({
    organizationId: side.organization.id,
    enrollmentId: side.enrollment.id,
    checkpoint: 'exit',
    observedOn: DateTime.fromISO('2026-05-04'),
    situation: 'employed',
    contractType: 'cdi',
    jobTitle: 'Vendeuse conseil',
    source: 'declared',
    partnerCompanyId: link.partnerCompanyId ?? null,
    employerSiret: link.employerSiret ?? null,
  })
}

const countCompanies = async (side: Side) => {
  const [row] = await PartnerCompany.query()
    .where('organization_id', side.organization.id)
    .count('* as total')
  return Number(row.$extras.total)
}

test.group('Partner companies: directory', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the organisation’s companies with visits, internships and hires counted', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const host = await company(own, 'Hôtel des Tilleuls', { siret: '81234567000010' })
    own.session.partnerCompanyId = host.id
    await own.session.save()
    await internshipAt(own, host)
    await hire(own, { partnerCompanyId: host.id })

    const response = await client.get(INDEX).loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Entreprise alpha')
    response.assertTextIncludes('812 345 670 00010')
    assert.notInclude(response.text(), other.company.name)
    const row = response.text().match(/Hôtel des Tilleuls<\/a>[\s\S]*?<\/tr>/)![0]
    assert.match(row, /data-label="Visites">1</)
    assert.match(row, /data-label="Stages">1</)
    assert.match(row, /data-label="Embauches">1</)
  })

  test('one search field finds by name, SIRET (spaces allowed) or city', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await company(own, 'Boulangerie Marchand', { city: 'Elbeuf', siret: '81234567000010' })

    const byName = await client.get(`${INDEX}?q=boulang`).loginAs(own.users.coordinator)
    byName.assertTextIncludes('Boulangerie Marchand')
    assert.notInclude(byName.text(), 'Entreprise alpha')

    const bySiret = await client.get(`${INDEX}?q=812+345+67`).loginAs(own.users.coordinator)
    bySiret.assertTextIncludes('Boulangerie Marchand')
    assert.notInclude(bySiret.text(), 'Entreprise alpha')

    const byCity = await client.get(`${INDEX}?q=ELBEUF`).loginAs(own.users.coordinator)
    byCity.assertTextIncludes('Boulangerie Marchand')
    assert.notInclude(byCity.text(), 'Entreprise alpha')

    const none = await client.get(`${INDEX}?q=introuvable`).loginAs(own.users.coordinator)
    none.assertTextIncludes('Aucune entreprise ne correspond à la recherche.')
  })

  test('filters by sector, by internships and by hires (an outcome matched by SIRET counts)', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const logistics = await company(own, 'Transports Lemoine', {
      sector: 'Transport et logistique',
    })
    const hiring = await company(own, 'Pharmacie du Port', { siret: '55282142000015' })
    await internshipAt(own, logistics)
    await hire(own, { employerSiret: '55282142000015' })

    const bySector = await client
      .get(`${INDEX}?secteur=${encodeURIComponent('Transport et logistique')}`)
      .loginAs(own.users.coordinator)
    bySector.assertTextIncludes(logistics.name)
    assert.notInclude(bySector.text(), 'Entreprise alpha')
    assert.notInclude(bySector.text(), hiring.name)

    const withInternships = await client.get(`${INDEX}?stages=1`).loginAs(own.users.coordinator)
    withInternships.assertTextIncludes(logistics.name)
    // The world's company hosts the trainee's internship.
    withInternships.assertTextIncludes('Entreprise alpha')
    assert.notInclude(withInternships.text(), hiring.name)

    const withHires = await client.get(`${INDEX}?embauches=1`).loginAs(own.users.coordinator)
    withHires.assertTextIncludes(hiring.name)
    assert.notInclude(withHires.text(), logistics.name)
    assert.notInclude(withHires.text(), 'Entreprise alpha')
  })

  test('shows 25 companies a page, the next ones on the following page', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await PartnerCompany.createMany(
      Array.from({ length: 25 }, (_, i) => ({
        organizationId: own.organization.id,
        name: `Zeta ${String(i + 1).padStart(2, '0')}`,
      }))
    )

    const first = await client.get(INDEX).loginAs(own.users.coordinator)
    first.assertTextIncludes('26 entreprises')
    first.assertTextIncludes('Zeta 24')
    assert.notInclude(first.text(), 'Zeta 25')
    assert.include(first.text(), 'Page suivante')

    const second = await client.get(`${INDEX}?page=2`).loginAs(own.users.coordinator)
    second.assertTextIncludes('Zeta 25')
    assert.notInclude(second.text(), 'Zeta 24')
    second.assertTextIncludes('Page 2 sur 2')
  })
})

test.group('Partner companies: create, edit, delete', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a SIRET with a wrong key is refused with a clear message, nothing is written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = await countCompanies(own)

    const response = await client
      .post(INDEX)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .header('referer', `${INDEX}/nouvelle`)
      .form({ name: 'Garage Dupuis', siret: '732 829 320 00075' })

    response.assertTextIncludes('Numéro SIRET invalide')
    assert.equal(await countCompanies(own), before)
  })

  test('a valid SIRET typed with spaces is stored as 14 digits', async ({ client, assert }) => {
    const { own } = await buildWorld()

    const response = await client
      .post(INDEX)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({
        name: 'Garage Dupuis',
        siret: '732 829 320 00074',
        sector: 'Automobile',
        address_line: '4 rue des Forges',
        postal_code: '76100',
        city: 'Rouen',
        notes: 'Accueille deux stagiaires par an.',
      })
      .redirects(0)

    const created = await PartnerCompany.findByOrFail('name', 'Garage Dupuis')
    response.assertHeader('location', showUrl(created.id))
    assert.equal(created.organizationId, own.organization.id)
    assert.equal(created.siret, '73282932000074')
    assert.equal(created.postalCode, '76100')
  })

  test('a SIRET already in the directory is refused; another organisation may have it', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const before = await countCompanies(own)

    const duplicate = await client
      .post(INDEX)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .header('referer', `${INDEX}/nouvelle`)
      .form({ name: 'Autre nom', siret: '732 548 720 00018' })
    duplicate.assertTextIncludes('Une entreprise avec ce numéro SIRET existe déjà dans l’annuaire.')
    assert.equal(await countCompanies(own), before)

    const elsewhere = await client
      .post(INDEX)
      .loginAs(other.users.coordinator)
      .withCsrfToken()
      .form({ name: 'Entreprise alpha chez beta', siret: '73254872000018' })
      .redirects(0)
    elsewhere.assertStatus(302)
    assert.equal(await countCompanies(other), 2)
  })

  test('edits a company, keeping its own SIRET', async ({ client, assert }) => {
    const { own } = await buildWorld()

    const form = await client.get(`${showUrl(own.company.id)}/modifier`).loginAs(own.users.admin)
    form.assertStatus(200)
    form.assertTextIncludes('732 548 720 00018')

    const response = await client
      .post(showUrl(own.company.id))
      .loginAs(own.users.admin)
      .withCsrfToken()
      .form({ name: 'Entreprise alpha (Rouen)', siret: '73254872000018', city: 'Rouen' })
      .redirects(0)

    response.assertHeader('location', showUrl(own.company.id))
    await own.company.refresh()
    assert.equal(own.company.name, 'Entreprise alpha (Rouen)')
    assert.isNull(own.company.sector)
  })

  test('deletion is refused while the company has a history', async ({ client, assert }) => {
    const { own } = await buildWorld()
    // The world's company already hosts the trainee's internship.

    const response = await client
      .post(`${showUrl(own.company.id)}/suppression`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ confirmation: 'supprimer' })

    response.assertTextIncludes(
      'L’entreprise ne peut pas être supprimée : elle a un historique (1 stage(s)).'
    )
    assert.isNotNull(await PartnerCompany.find(own.company.id))
  })

  test('a company without history is deleted with its contacts', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const unused = await company(own, 'Fermée depuis')
    const contact = await CompanyContact.create({
      organizationId: own.organization.id,
      partnerCompanyId: unused.id,
      fullName: 'Jean Valet',
    })

    const unconfirmed = await client
      .post(`${showUrl(unused.id)}/suppression`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({})
      .redirects(0)
    unconfirmed.assertStatus(302)
    assert.isNotNull(await PartnerCompany.find(unused.id))

    const response = await client
      .post(`${showUrl(unused.id)}/suppression`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ confirmation: 'supprimer' })
      .redirects(0)

    response.assertHeader('location', INDEX)
    assert.isNull(await PartnerCompany.find(unused.id))
    assert.isNull(await CompanyContact.find(contact.id))
  })
})

test.group('Partner companies: page and contacts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the page lists the visit sessions, internships and hires with the company', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    const host = await company(own, 'Hôtel des Tilleuls', { siret: '81234567000010' })
    await CompanyContact.create({
      organizationId: own.organization.id,
      partnerCompanyId: host.id,
      fullName: 'Tutrice des Tilleuls',
    })
    own.pastSession.partnerCompanyId = host.id
    await own.pastSession.save()
    await internshipAt(own, host)
    await hire(own, { employerSiret: '81234567000010' })

    const response = await client.get(showUrl(host.id)).loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Visites et séances en entreprise (1)')
    response.assertTextIncludes(
      own.pastSession.startsAt.setZone('Europe/Paris').setLocale('fr').toFormat('d LLLL yyyy')
    )
    response.assertTextIncludes('Promotion alpha')
    response.assertTextIncludes('Stages (1)')
    response.assertTextIncludes('du 2 mars 2026 au 20 mars 2026')
    response.assertTextIncludes('Convention signée')
    response.assertTextIncludes('Embauches (1)')
    response.assertTextIncludes('Vendeuse conseil')
    response.assertTextIncludes('Stagiaire alpha')
    response.assertTextIncludes('Tutrice des Tilleuls')
  })

  test('adds, edits and removes a contact', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const base = `${showUrl(own.company.id)}/contacts`

    const added = await client
      .post(base)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({
        full_name: 'Inès Moreau',
        role: 'Responsable RH',
        email: 'ines@exemple.fr',
        phone: '02 35 12 34 56',
      })
      .redirects(0)
    added.assertHeader('location', showUrl(own.company.id))
    const contact = await CompanyContact.findByOrFail('full_name', 'Inès Moreau')
    assert.equal(contact.partnerCompanyId, own.company.id)
    assert.equal(contact.organizationId, own.organization.id)

    const refused = await client
      .post(base)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .header('referer', showUrl(own.company.id))
      .form({ full_name: 'Paul', email: 'pas-une-adresse' })
    refused.assertTextIncludes('Écrivez une adresse e-mail valide')
    assert.isNull(await CompanyContact.findBy('full_name', 'Paul'))

    const editForm = await client
      .get(`${base}/${contact.id}/modifier`)
      .loginAs(own.users.coordinator)
    editForm.assertTextIncludes('ines@exemple.fr')

    await client
      .post(`${base}/${contact.id}`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ full_name: 'Inès Moreau', role: 'Directrice RH', email: 'ines@exemple.fr' })
      .redirects(0)
    await contact.refresh()
    assert.equal(contact.role, 'Directrice RH')
    assert.isNull(contact.phone)

    const removed = await client
      .post(`${base}/${contact.id}/suppression`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ confirmation: 'supprimer' })
      .redirects(0)
    removed.assertHeader('location', showUrl(own.company.id))
    assert.isNull(await CompanyContact.find(contact.id))
  })

  test('another organisation’s company or contact is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()

    const page = await client.get(showUrl(other.company.id)).loginAs(own.users.coordinator)
    page.assertStatus(404)

    const edit = await client
      .post(showUrl(other.company.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ name: 'Pris' })
    edit.assertStatus(404)

    // Own company id, other organisation's contact id.
    const contact = await client
      .post(`${showUrl(own.company.id)}/contacts/${other.contact.id}/suppression`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form({ confirmation: 'supprimer' })
    contact.assertStatus(404)

    await other.company.refresh()
    assert.equal(other.company.name, 'Entreprise beta')
    assert.isNotNull(await CompanyContact.find(other.contact.id))
  })

  test('the coordinator’s menu links to the directory', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client.get('/coordination/promotions').loginAs(own.users.coordinator)
    response.assertTextIncludes(`href="${INDEX}"`)
    response.assertTextIncludes('Entreprises')
  })
})
