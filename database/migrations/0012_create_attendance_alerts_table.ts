import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Attendance thresholds and the alerts they raise (issue 5, "Alerts"):
 *
 * - on a programme, the minimum share of the planned hours a trainee must
 *   attend, and when to warn the coordinator: so many unjustified absent
 *   half-days within so many days, or an attendance rate under a floor
 *   (0 turns a warning off);
 * - `attendance_alerts`: one row per alert raised for an enrollment, kept
 *   in the database (the queue only carries the work of checking and
 *   mailing). `unresolved` is 1 while the situation lasts and NULL once it
 *   is over: the unique key (enrollment, kind, unresolved) lets only one
 *   unresolved alert of a kind exist per enrollment, on SQLite and
 *   PostgreSQL alike (NULLs never collide), so a check that runs twice,
 *   even at the same time, raises nothing new.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('programmes', (table) => {
      table.decimal('min_attendance_rate', 4, 3).notNullable().defaultTo(0.8)
      table.integer('alert_unjustified_half_days').notNullable().defaultTo(3)
      table.integer('alert_window_days').notNullable().defaultTo(30)
      table.decimal('alert_min_rate', 4, 3).notNullable().defaultTo(0.8)
    })

    this.schema.createTable('attendance_alerts', (table) => {
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
        .onDelete('CASCADE')
      table
        .integer('enrollment_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('enrollments')
        .onDelete('CASCADE')
      table.string('kind').notNullable()
      /**
       * The figures when the alert was raised (half-days, rate, threshold…).
       */
      table.json('details').nullable()
      table.timestamp('raised_at').notNullable()
      table.timestamp('notified_at').nullable()
      table.timestamp('acknowledged_at').nullable()
      table
        .integer('acknowledged_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.text('acknowledgement_note').nullable()
      table.timestamp('resolved_at').nullable()
      table.smallint('unresolved').nullable().defaultTo(1)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['enrollment_id', 'kind', 'unresolved'])
      table.index(['organization_id', 'unresolved'])
      table.index(['cohort_id', 'unresolved'])
      table.index(['acknowledged_by_id'])
    })
  }

  async down() {
    this.schema.dropTable('attendance_alerts')
    this.schema.alterTable('programmes', (table) => {
      table.dropColumn('min_attendance_rate')
      table.dropColumn('alert_unjustified_half_days')
      table.dropColumn('alert_window_days')
      table.dropColumn('alert_min_rate')
    })
  }
}
