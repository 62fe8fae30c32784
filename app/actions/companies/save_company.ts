import db from '@adonisjs/lucid/services/db'
import PartnerCompany from '#models/partner_company'
import type { CompanyInput } from '#validators/partner_company'

function attributes(payload: CompanyInput) {
  return {
    name: payload.name,
    siret: payload.siret ?? null,
    sector: payload.sector ?? null,
    addressLine: payload.addressLine ?? null,
    postalCode: payload.postalCode ?? null,
    city: payload.city ?? null,
    notes: payload.notes ?? null,
  }
}

/**
 * Creates a partner company in the organisation, or saves an edit.
 */
export default class SaveCompany {
  async handle({
    organizationId,
    company,
    payload,
  }: {
    organizationId: number
    company: PartnerCompany | null
    payload: CompanyInput
  }) {
    return db.transaction(async (trx) => {
      if (company) {
        company.useTransaction(trx)
        company.merge(attributes(payload))
        await company.save()
        return company
      }
      return PartnerCompany.create({ organizationId, ...attributes(payload) }, { client: trx })
    })
  }
}
