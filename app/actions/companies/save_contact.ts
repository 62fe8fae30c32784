import db from '@adonisjs/lucid/services/db'
import CompanyContact from '#models/company_contact'
import type PartnerCompany from '#models/partner_company'
import type { ContactInput } from '#validators/partner_company'

/**
 * Adds a contact to a company, or saves an edit of one of its contacts.
 */
export default class SaveContact {
  async handle({
    company,
    contact,
    payload,
  }: {
    company: PartnerCompany
    contact: CompanyContact | null
    payload: ContactInput
  }) {
    const values = {
      fullName: payload.fullName,
      role: payload.role ?? null,
      email: payload.email ?? null,
      phone: payload.phone ?? null,
    }
    return db.transaction(async (trx) => {
      if (contact) {
        contact.useTransaction(trx)
        contact.merge(values)
        await contact.save()
        return contact
      }
      return CompanyContact.create(
        { organizationId: company.organizationId, partnerCompanyId: company.id, ...values },
        { client: trx }
      )
    })
  }
}

/**
 * Removes a contact; internships it tutored keep their record, without a
 * tutor named.
 */
export class DeleteContact {
  async handle({ contact }: { contact: CompanyContact }) {
    await db.transaction(async (trx) => {
      await trx.from('internships').where('tutor_contact_id', contact.id).update({
        tutor_contact_id: null,
      })
      contact.useTransaction(trx)
      await contact.delete()
    })
  }
}
