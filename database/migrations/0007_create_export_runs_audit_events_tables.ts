import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Requested reports and the audit trail.
 */
export default class extends BaseSchema {
  async up() {
    /**
     * A report asked by someone of an organisation or of a funder.
     */
    this.schema.createTable('export_runs', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('funder_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('funders')
        .onDelete('CASCADE')
      table
        .integer('requested_by_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind').notNullable()
      table.json('filters').nullable()
      table.string('status').notNullable().defaultTo('queued')
      table.integer('progress').notNullable().defaultTo(0)
      table.string('file_path').nullable()
      table.integer('row_count').nullable()
      table.text('error').nullable()
      table.timestamp('finished_at').nullable()
      table.timestamp('expires_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'created_at'])
      table.index(['funder_id', 'created_at'])
      table.index(['requested_by_id'])
      table.index(['status', 'expires_at'])
    })

    /**
     * Who changed what and when. Written once, never updated.
     */
    this.schema.createTable('audit_events', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('action').notNullable()
      table.string('subject_type').notNullable()
      table.integer('subject_id').notNullable()
      table.json('changes').nullable()
      table.string('ip', 45).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['subject_type', 'subject_id'])
      table.index(['organization_id', 'created_at'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('audit_events')
    this.schema.dropTable('export_runs')
  }
}
