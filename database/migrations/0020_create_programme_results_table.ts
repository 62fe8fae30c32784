import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Qualiopi indicator 2: the published snapshot of a programme's results
 * (one row per programme, replaced at each refresh). The figures are kept
 * as computed so the public page shows exactly what was dated.
 */
export default class extends BaseSchema {
  protected tableName = 'programme_results'

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
        .integer('programme_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('programmes')
        .onDelete('CASCADE')
      table.timestamp('computed_at').notNullable()
      table.json('figures').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
