import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The secret of a person's private calendar feed (`/calendrier/<token>.ics`):
 * 32 random bytes, base64url. It is kept in clear, unlike login tokens, so
 * the person can see and copy the address again: it only opens a read-only
 * view of their own sessions, which anyone able to read this table can read
 * anyway. Regenerating it replaces it (the old address stops working);
 * setting it to null turns the feed off.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('calendar_token', 64).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropUnique(['calendar_token'])
      table.dropColumn('calendar_token')
    })
  }
}
