import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The internship lifecycle: the day of each status move (agreement sent,
 * signed, started, completed, cancelled), why it was cancelled, and the
 * signed agreement's scan on the private disk.
 */
export default class extends BaseSchema {
  protected tableName = 'internships'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.date('agreement_sent_on').nullable()
      table.date('signed_on').nullable()
      table.date('started_on').nullable()
      table.date('completed_on').nullable()
      table.date('cancelled_on').nullable()
      table.text('cancel_reason').nullable()
      table.string('signed_agreement_key').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('agreement_sent_on')
      table.dropColumn('signed_on')
      table.dropColumn('started_on')
      table.dropColumn('completed_on')
      table.dropColumn('cancelled_on')
      table.dropColumn('cancel_reason')
      table.dropColumn('signed_agreement_key')
    })
  }
}
