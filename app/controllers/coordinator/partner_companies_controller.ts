import type { HttpContext } from '@adonisjs/core/http'
import ListCompanies, { type CompanyFilters } from '#actions/companies/list_companies'
import BuildCompanyPage from '#actions/companies/build_company_page'
import SaveCompany from '#actions/companies/save_company'
import DeleteCompany from '#actions/companies/delete_company'
import { findCompany } from '#actions/companies/find_company'
import * as labels from '#actions/companies/company_labels'
import { companyValidator, deleteConfirmationValidator } from '#validators/partner_company'

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim().slice(0, 100)
  return trimmed === '' ? null : trimmed
}

/**
 * The organisation's directory of partner companies (coordinators,
 * admins): search and filters, create, edit, delete, the company page.
 */
export default class PartnerCompaniesController {
  /**
   * The directory: `q` (name, SIRET, city), `secteur`, `stages=1`,
   * `embauches=1`, `page`.
   */
  async index({ auth, request, view }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId!
    const filters: CompanyFilters = {
      q: text(request.input('q')),
      sector: text(request.input('secteur')),
      hasInternships: request.input('stages') === '1',
      hasHires: request.input('embauches') === '1',
    }
    const list = new ListCompanies()
    const page = Number.parseInt(String(request.input('page', '1')), 10) || 1
    const [companies, sectors] = await Promise.all([
      list.handle({ organizationId, filters, page }),
      list.sectors(organizationId),
    ])
    const query: Record<string, string> = {}
    if (filters.q) query.q = filters.q
    if (filters.sector) query.secteur = filters.sector
    if (filters.hasInternships) query.stages = '1'
    if (filters.hasHires) query.embauches = '1'
    companies.baseUrl(request.url()).queryString(query)
    const filtered = Object.keys(query).length > 0
    return view.render('pages/coordinator/companies/index', {
      companies,
      sectors: sectors.map((sector) => ({ value: sector, label: sector })),
      filters,
      filtered,
      labels,
    })
  }

  async create({ view }: HttpContext) {
    return view.render('pages/coordinator/companies/form', { company: null, values: {} })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId!
    const payload = await request.validateUsing(companyValidator, { meta: { organizationId } })
    const company = await new SaveCompany().handle({ organizationId, company: null, payload })
    session.flash('success', 'L’entreprise est ajoutée à l’annuaire.')
    return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const page = await new BuildCompanyPage().handle({ company })
    return view.render('pages/coordinator/companies/show', { ...page, labels })
  }

  async edit({ auth, params, view }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const values = {
      name: company.name,
      siret: labels.formatSiret(company.siret),
      sector: company.sector,
      address_line: company.addressLine,
      postal_code: company.postalCode,
      city: company.city,
      notes: company.notes,
    }
    return view.render('pages/coordinator/companies/form', { company, values })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId!
    const company = await findCompany(organizationId, params.id)
    const payload = await request.validateUsing(companyValidator, {
      meta: { organizationId, companyId: company.id },
    })
    await new SaveCompany().handle({ organizationId, company, payload })
    session.flash('success', 'L’entreprise est enregistrée.')
    return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
  }

  async destroy({ auth, params, request, response, session }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    await request.validateUsing(deleteConfirmationValidator)
    const result = await new DeleteCompany().handle({ company })
    if (!result.deleted) {
      session.flash('error', result.reason)
      return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
    }
    session.flash('success', `L’entreprise « ${company.name} » est supprimée.`)
    return response.redirect().toRoute('coordinator.companies.index')
  }
}
