import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Outcomes saved but to be checked by a person (e.g. a contract said to
 * start before the training began, declared at a follow-up): the fact is
 * kept as declared, the flag and its reason say why it needs a look.
 */
export default class extends BaseSchema {
  protected tableName = 'outcomes'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.boolean('needs_review').notNullable().defaultTo(false)
      table.string('review_reason').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('needs_review')
      table.dropColumn('review_reason')
    })
  }
}
