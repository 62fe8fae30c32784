import factory from '@adonisjs/lucid/factories'
import PartnerCompany from '#models/partner_company'
import { CompanyContactFactory } from '#database/factories/company_contact_factory'
import { InternshipFactory } from '#database/factories/internship_factory'
import { PLACES, STREETS, nth, organizationIdFor, siret } from '#database/factories/helpers'

const COMPANIES = [
  { name: 'Boulangerie Martin', sector: 'Commerce de détail' },
  { name: 'Transports Normands', sector: 'Transport et logistique' },
  { name: 'Clinique des Tilleuls', sector: 'Santé' },
  { name: 'Agence Pixel & Co', sector: 'Services numériques' },
  { name: 'Mutuelle Solidaire', sector: 'Assurance' },
]

let n = 0

export const PartnerCompanyFactory = factory
  .define(PartnerCompany, () => {
    n++
    const company = nth(COMPANIES, n)
    const place = nth(PLACES, n)
    return {
      name: `${company.name} ${n}`,
      siret: siret(50_000 + n),
      sector: company.sector,
      addressLine: `${n} ${nth(STREETS, n + 2)}`,
      postalCode: place.postalCode,
      city: place.city,
      notes: null,
    }
  })
  .relation('contacts', () => CompanyContactFactory)
  .relation('internships', () => InternshipFactory)
  .before('create', async (builder, company, ctx) => {
    company.organizationId ??= await organizationIdFor(builder, ctx)
  })
  .build()
