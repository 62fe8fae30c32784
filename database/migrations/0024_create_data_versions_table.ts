import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  GLOBAL_TABLES,
  ORGANIZATION_TABLES,
  createDataVersions,
  createGlobalVersionTriggers,
  createOrganizationVersionTriggers,
  dropDataVersions,
  dropVersionTriggers,
} from '#database/support/data_version_triggers'

/**
 * Versions of each organisation's data and of the shared data, kept by
 * triggers, for the page cache (app/services/page_cache.ts). See
 * database/support/data_version_triggers.ts.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (client) => {
      await createDataVersions(client)
      for (const table of ['organizations', ...ORGANIZATION_TABLES]) {
        await createOrganizationVersionTriggers(client, table)
      }
      for (const table of GLOBAL_TABLES) await createGlobalVersionTriggers(client, table)
    })
  }

  async down() {
    this.defer(async (client) => {
      for (const table of ['organizations', ...ORGANIZATION_TABLES, ...GLOBAL_TABLES]) {
        await dropVersionTriggers(client, table)
      }
      await dropDataVersions(client)
    })
  }
}
