import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the public application form adds to an application:
 * - `availability`: when the applicant can attend, in their own words;
 * - `duplicate_of_trainee_id`: a trainee of the organisation who looks like
 *   the same person (same email, or same name and birth date). The form never
 *   merges on its own: it creates a new trainee and points at the one already
 *   known, so a coordinator can confirm the link later (or clear it).
 *
 * "One person, one record" is therefore a coordinator's decision, not a
 * database constraint: the unique (organisation, email) index on trainees
 * becomes a plain index, since the pending duplicate must exist until a
 * coordinator confirms it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('applications', (table) => {
      table.text('availability').nullable()
      table
        .integer('duplicate_of_trainee_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('trainees')
        .onDelete('SET NULL')
      table.index(['duplicate_of_trainee_id'])
    })
    this.schema.alterTable('trainees', (table) => {
      table.dropUnique(['organization_id', 'email'])
      table.index(['organization_id', 'email'])
    })
  }

  async down() {
    this.schema.alterTable('trainees', (table) => {
      table.dropIndex(['organization_id', 'email'])
      table.unique(['organization_id', 'email'])
    })
    this.schema.alterTable('applications', (table) => {
      table.dropIndex(['duplicate_of_trainee_id'])
      table.dropForeign(['duplicate_of_trainee_id'])
      table.dropColumn('duplicate_of_trainee_id')
      table.dropColumn('availability')
    })
  }
}
