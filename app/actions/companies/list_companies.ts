import db from '@adonisjs/lucid/services/db'
import PartnerCompany from '#models/partner_company'
import {
  HIRES_COUNT_SQL,
  INTERNSHIPS_COUNT_SQL,
  VISITS_COUNT_SQL,
} from '#actions/companies/company_sql'
import { escapeLike } from '#services/sql_text'

export const COMPANIES_PER_PAGE = 25

export type CompanyFilters = {
  q: string | null
  sector: string | null
  hasInternships: boolean
  hasHires: boolean
}

/**
 * The organisation's partner companies by name, 25 a page, each with its
 * visits, internships and hires counted in the same query
 * (`$extras.visits_count`, `internships_count`, `hires_count`).
 * `q` looks in the name, the SIRET (spaces ignored) and the city.
 */
export default class ListCompanies {
  async handle({
    organizationId,
    filters,
    page,
  }: {
    organizationId: number
    filters: CompanyFilters
    page: number
  }) {
    const query = PartnerCompany.query()
      .where('partner_companies.organization_id', organizationId)
      .select('partner_companies.*')
      .select(db.raw(`${VISITS_COUNT_SQL} as visits_count`))
      .select(db.raw(`${INTERNSHIPS_COUNT_SQL} as internships_count`))
      .select(db.raw(`${HIRES_COUNT_SQL} as hires_count`))
      .orderByRaw('lower(partner_companies.name) asc')
      .orderBy('partner_companies.id', 'asc')

    if (filters.q) {
      const term = `%${escapeLike(filters.q.toLowerCase())}%`
      const digits = filters.q.replace(/[\s\u00a0]/g, '')
      query.where((search) => {
        search
          .whereRaw(`lower(partner_companies.name) like ? escape '\\'`, [term])
          .orWhereRaw(`lower(partner_companies.city) like ? escape '\\'`, [term])
        if (/^\d+$/.test(digits)) search.orWhere('partner_companies.siret', 'like', `%${digits}%`)
      })
    }
    if (filters.sector) query.where('partner_companies.sector', filters.sector)
    if (filters.hasInternships) query.whereRaw(`${INTERNSHIPS_COUNT_SQL} > 0`)
    if (filters.hasHires) query.whereRaw(`${HIRES_COUNT_SQL} > 0`)

    return query.paginate(Math.max(1, page), COMPANIES_PER_PAGE)
  }

  /**
   * The sectors used in the organisation, for the filter's list.
   */
  async sectors(organizationId: number): Promise<string[]> {
    const rows = await db
      .from('partner_companies')
      .where('organization_id', organizationId)
      .whereNotNull('sector')
      .distinct('sector')
      .orderBy('sector')
    return rows.map((row) => row.sector as string)
  }
}
