import factory from '@adonisjs/lucid/factories'
import CompanyContact from '#models/company_contact'
import PartnerCompany from '#models/partner_company'
import { PartnerCompanyFactory } from '#database/factories/partner_company_factory'
import {
  FIRST_NAMES,
  LAST_NAMES,
  asciiSlug,
  mobilePhone,
  nth,
  organizationIdFor,
  willCreate,
} from '#database/factories/helpers'

let n = 0

export const CompanyContactFactory = factory
  .define(CompanyContact, () => {
    n++
    const fullName = `${nth(FIRST_NAMES, n * 5)} ${nth(LAST_NAMES, n * 11)}`
    return {
      fullName,
      role: 'Responsable des ressources humaines',
      email: `${asciiSlug(fullName)}.${n}@entreprise.test`,
      phone: mobilePhone(500 + n),
    }
  })
  .relation('partnerCompany', () => PartnerCompanyFactory)
  .before('create', async (builder, contact, ctx) => {
    contact.organizationId ??= await organizationIdFor(builder, ctx, [
      [PartnerCompany, contact.partnerCompanyId],
    ])
    if (!contact.partnerCompanyId && !willCreate(builder, 'partnerCompany')) {
      const company = await PartnerCompanyFactory.merge({ organizationId: contact.organizationId })
        .useCtx(ctx)
        .create()
      contact.partnerCompanyId = company.id
    }
  })
  .build()
