import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Partner companies directory (issue 6): one record per SIRET in an
 * organisation, so a company's visits, internships and hires are never
 * split between two records. The form checks it first with a French
 * message; this key holds against two forms sent at once. Companies
 * without a SIRET (NULL) never collide, on SQLite and PostgreSQL alike.
 */
export default class extends BaseSchema {
  protected tableName = 'partner_companies'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.unique(['organization_id', 'siret'], {
        indexName: 'partner_companies_organization_id_siret_unique',
      })
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropUnique(
        ['organization_id', 'siret'],
        'partner_companies_organization_id_siret_unique'
      )
    })
  }
}
