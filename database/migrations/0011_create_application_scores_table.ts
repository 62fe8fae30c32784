import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Scores given to an application by staff during selection: one row per
 * (application, staff member, criterion), score 1 to 4 with an optional
 * comment. A staff member updating their scores updates their rows, hence
 * the unique key.
 *
 * Staff accounts are deactivated rather than deleted; deleting one removes
 * its scores with it (a score without its author cannot be discussed).
 */
export default class extends BaseSchema {
  protected tableName = 'application_scores'

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
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('applications')
        .onDelete('CASCADE')
      table
        .integer('scorer_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('criterion', 32).notNullable()
      table.smallint('score').notNullable()
      table.text('comment').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['application_id', 'scorer_id', 'criterion'])
      table.index(['organization_id'])
      table.index(['scorer_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
