import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What attendance needs beyond the first schema:
 * - on a class session, when its roll call was saved and by whom (a past
 *   session without one is a missing roll call), and the trainer's own
 *   signature of the session (when, how);
 * - on an attendance record, when the trainee announced the absence in
 *   advance;
 * - on an audit event, why the change was made (corrections after the fact
 *   must say why).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('class_sessions', (table) => {
      table.timestamp('roll_call_at').nullable()
      table
        .integer('roll_call_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('trainer_signed_at').nullable()
      table.string('trainer_signature_method').nullable()
      table.index(['cohort_id', 'roll_call_at'])
    })
    this.schema.alterTable('attendance_records', (table) => {
      table.timestamp('announced_at').nullable()
    })
    this.schema.alterTable('audit_events', (table) => {
      table.text('reason').nullable()
    })
  }

  async down() {
    this.schema.alterTable('audit_events', (table) => {
      table.dropColumn('reason')
    })
    this.schema.alterTable('attendance_records', (table) => {
      table.dropColumn('announced_at')
    })
    this.schema.alterTable('class_sessions', (table) => {
      table.dropIndex(['cohort_id', 'roll_call_at'])
      table.dropForeign(['roll_call_by_id'])
      table.dropColumn('roll_call_by_id')
      table.dropColumn('roll_call_at')
      table.dropColumn('trainer_signed_at')
      table.dropColumn('trainer_signature_method')
    })
  }
}
