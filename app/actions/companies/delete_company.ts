import db from '@adonisjs/lucid/services/db'
import type PartnerCompany from '#models/partner_company'
import { companyHistoryCounts } from '#actions/companies/build_company_page'

export type DeleteCompanyResult = { deleted: true } | { deleted: false; reason: string }

/**
 * Deletes a company and its contacts, only when it has no history (visit,
 * internship or outcome linked to it): the history must stay readable.
 */
export default class DeleteCompany {
  async handle({ company }: { company: PartnerCompany }): Promise<DeleteCompanyResult> {
    return db.transaction(async (trx) => {
      const history = await companyHistoryCounts(company.id, trx)
      const parts = [
        history.visits ? `${history.visits} séance(s) ou visite(s)` : null,
        history.internships ? `${history.internships} stage(s)` : null,
        history.outcomes ? `${history.outcomes} situation(s) de sortie` : null,
      ].filter((part): part is string => part !== null)
      if (parts.length) {
        return {
          deleted: false,
          reason: `L’entreprise ne peut pas être supprimée : elle a un historique (${parts.join(', ')}).`,
        }
      }
      await trx.from('company_contacts').where('partner_company_id', company.id).delete()
      company.useTransaction(trx)
      await company.delete()
      return { deleted: true }
    })
  }
}
