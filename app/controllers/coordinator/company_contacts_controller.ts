import type { HttpContext } from '@adonisjs/core/http'
import SaveContact, { DeleteContact } from '#actions/companies/save_contact'
import { findCompany, findContact } from '#actions/companies/find_company'
import { contactValidator, deleteConfirmationValidator } from '#validators/partner_company'

/**
 * The contacts of a partner company: added from the company page, edited
 * on their own page, removed from the company page.
 */
export default class CompanyContactsController {
  async store({ auth, params, request, response, session }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const payload = await request.validateUsing(contactValidator)
    const contact = await new SaveContact().handle({ company, contact: null, payload })
    session.flash('success', `Le contact « ${contact.fullName} » est ajouté.`)
    return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
  }

  async edit({ auth, params, view }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const contact = await findContact(company, params.contactId)
    return view.render('pages/coordinator/companies/contact_form', { company, contact })
  }

  async update({ auth, params, request, response, session }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const contact = await findContact(company, params.contactId)
    const payload = await request.validateUsing(contactValidator)
    await new SaveContact().handle({ company, contact, payload })
    session.flash('success', `Le contact « ${contact.fullName} » est enregistré.`)
    return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
  }

  async destroy({ auth, params, request, response, session }: HttpContext) {
    const company = await findCompany(auth.getUserOrFail().organizationId, params.id)
    const contact = await findContact(company, params.contactId)
    await request.validateUsing(deleteConfirmationValidator)
    await new DeleteContact().handle({ contact })
    session.flash('success', `Le contact « ${contact.fullName} » est retiré.`)
    return response.redirect().toRoute('coordinator.companies.show', { id: company.id })
  }
}
