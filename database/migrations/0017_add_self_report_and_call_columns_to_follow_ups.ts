import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What sending follow-ups needs beyond 0006: the self-report link (a
 * secret the link is derived from, the hash it is looked up by, its
 * expiry) and the coordinator's call (when, by whom, what was said).
 * 0006 already has sent_at, reminded_at, answered_at and closed_at.
 */
export default class extends BaseSchema {
  protected tableName = 'follow_ups'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('token_secret', 64).nullable()
      table.string('token_hash', 64).nullable().unique()
      table.timestamp('token_expires_at').nullable()
      table.timestamp('called_at').nullable()
      table
        .integer('called_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.text('call_note').nullable()
      table.index(['called_by_id'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['called_by_id'])
      table.dropForeign(['called_by_id'])
      table.dropUnique(['token_hash'])
      table.dropColumn('token_secret')
      table.dropColumn('token_hash')
      table.dropColumn('token_expires_at')
      table.dropColumn('called_at')
      table.dropColumn('called_by_id')
      table.dropColumn('call_note')
    })
  }
}
