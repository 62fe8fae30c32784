import PartnerCompany from '#models/partner_company'

/**
 * A partner company of the given organisation (404 for any other id).
 */
export async function findCompany(organizationId: number | null, id: unknown) {
  return PartnerCompany.query()
    .where('organization_id', organizationId ?? 0)
    .where('id', Number(id))
    .firstOrFail()
}

/**
 * One of the company's contacts (404 for a contact of another company).
 */
export async function findContact(company: PartnerCompany, id: unknown) {
  return company.related('contacts').query().where('id', Number(id)).firstOrFail()
}
