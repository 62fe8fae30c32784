import factory from '@adonisjs/lucid/factories'
import Site from '#models/site'
import { PLACES, STREETS, nth, organizationIdFor } from '#database/factories/helpers'

let n = 0

export const SiteFactory = factory
  .define(Site, () => {
    n++
    const place = nth(PLACES, n)
    return {
      name: `Centre de ${place.city}`,
      address: `${n} ${nth(STREETS, n)}`,
      postalCode: place.postalCode,
      city: place.city,
      departmentCode: place.departmentCode,
    }
  })
  /**
   * A site in Alsace-Moselle, where Good Friday and St Stephen's Day are
   * public holidays.
   */
  .state('alsaceMoselle', (site) => {
    site.name = 'Centre de Strasbourg'
    site.postalCode = '67000'
    site.city = 'Strasbourg'
    site.departmentCode = '67'
  })
  .state('overseas', (site) => {
    site.name = 'Centre de Pointe-à-Pitre'
    site.postalCode = '97110'
    site.city = 'Pointe-à-Pitre'
    site.departmentCode = '971'
  })
  .before('create', async (builder, site, ctx) => {
    site.organizationId ??= await organizationIdFor(builder, ctx)
  })
  .build()
