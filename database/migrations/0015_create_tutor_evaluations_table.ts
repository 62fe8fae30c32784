import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The request sent to an internship's tutor to evaluate the trainee through
 * an emailed link (no account): its token, deadline, reminders and when it
 * was answered. The answers themselves go to `internships.evaluation`, the
 * column the internship already has for the tutor's evaluation.
 */
export default class extends BaseSchema {
  protected tableName = 'tutor_evaluations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('internship_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('internships')
        .onDelete('CASCADE')
      // Random per request: the link's token is an HMAC of the id and this
      // nonce with the app key, so reminders can rebuild the same link.
      table.string('token_nonce', 64).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('tutor_email').notNullable()
      table.timestamp('sent_at').notNullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('reminder_3_sent_at').nullable()
      table.timestamp('reminder_10_sent_at').nullable()
      table.timestamp('manually_reminded_at').nullable()
      table.timestamp('answered_at').nullable()
      table.string('answered_ip', 45).nullable()
      table
        .integer('sent_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
      table.index(['answered_at', 'sent_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
