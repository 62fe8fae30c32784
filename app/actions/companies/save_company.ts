import db from '@adonisjs/lucid/services/db'
import PartnerCompany from '#models/partner_company'
import { errors } from '@vinejs/vine'
import { DUPLICATE_SIRET_MESSAGE, type CompanyInput } from '#validators/partner_company'
import { isUniqueViolation } from '#services/sql_text'

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

const SIRET_INDEX = 'partner_companies_organization_id_siret_unique'

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
    try {
      return await db.transaction(async (trx) => {
        if (company) {
          company.useTransaction(trx)
          company.merge(attributes(payload))
          await company.save()
          return company
        }
        return PartnerCompany.create({ organizationId, ...attributes(payload) }, { client: trx })
      })
    } catch (error) {
      // Another person saved the same SIRET between the form's check and
      // this write: the same refusal as the check's, not an error page.
      if (isUniqueViolation(error, SIRET_INDEX, ['partner_companies.siret'])) {
        throw new errors.E_VALIDATION_ERROR([
          { field: 'siret', message: DUPLICATE_SIRET_MESSAGE, rule: 'siretTaken' },
        ])
      }
      throw error
    }
  }
}
