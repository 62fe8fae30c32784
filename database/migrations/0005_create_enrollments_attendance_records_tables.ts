import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Enrollments (a trainee in a cohort) and their attendance, the evidence
 * funders pay on: kept 6 years after the training (10 when ESF co-finances
 * it), so nothing deletes it by cascade but its organisation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('enrollments', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('cohort_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('cohorts')
        .onDelete('NO ACTION')
      table
        .integer('trainee_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('trainees')
        .onDelete('NO ACTION')
      table.string('status').notNullable().defaultTo('enrolled')
      table.date('starts_on').notNullable()
      table.date('ends_on').nullable()
      table.date('exit_on').nullable()
      table.string('exit_reason').nullable()
      table.string('certification_result').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['cohort_id', 'trainee_id'])
      table.index(['organization_id', 'status'])
      table.index(['trainee_id'])
    })

    /**
     * One trainee at one class session.
     */
    this.schema.createTable('attendance_records', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('class_session_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('class_sessions')
        .onDelete('NO ACTION')
      table
        .integer('enrollment_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('enrollments')
        .onDelete('NO ACTION')
      table.string('status').notNullable()
      table.integer('minutes_missed').notNullable().defaultTo(0)
      table.string('absence_reason').nullable()
      table.boolean('absence_justified').nullable()
      table.string('proof_path').nullable()
      table.timestamp('signed_at').nullable()
      table.string('signature_method').nullable()
      table.string('signature_device').nullable()
      table.string('signature_ip', 45).nullable()
      table
        .integer('recorded_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['class_session_id', 'enrollment_id'])
      table.index(['enrollment_id'])
      table.index(['organization_id'])
      table.index(['recorded_by_id'])
    })
  }

  async down() {
    this.schema.dropTable('attendance_records')
    this.schema.dropTable('enrollments')
  }
}
