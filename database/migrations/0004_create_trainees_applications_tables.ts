import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Trainees (the people) and their applications to cohorts, with the
 * history of each application's pipeline.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('trainees', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      /**
       * The trainee's account, once they have one.
       */
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('first_name').notNullable()
      table.string('last_name').notNullable()
      table.string('email', 254).nullable()
      table.string('phone', 20).nullable()
      table.date('birth_date').nullable()
      table.string('sex').nullable()
      table.string('address_line').nullable()
      table.string('postal_code', 5).nullable()
      table.string('city').nullable()
      table.boolean('qpv').notNullable().defaultTo(false)
      table.string('qpv_code', 16).nullable()
      table.string('qpv_geography', 4).nullable()
      table.boolean('zrr').notNullable().defaultTo(false)
      /**
       * 2019 framework level 1 to 8, 0 for no qualification, null if unknown.
       */
      table.integer('qualification_level').nullable()
      table.boolean('job_seeker').notNullable().defaultTo(false)
      table.date('job_seeker_since').nullable()
      table.string('france_travail_id', 20).nullable()
      table.boolean('neet').notNullable().defaultTo(false)
      table.boolean('rsa').notNullable().defaultTo(false)
      /**
       * Health data: shown to coordinators and admins only, asked with
       * explicit consent.
       */
      table.string('rqth').notNullable().defaultTo('undisclosed')
      table.timestamp('rqth_consent_at').nullable()
      table.string('prescriber').nullable()
      table.string('payer').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      /**
       * Several trainees without an email are fine (nulls are distinct).
       */
      table.unique(['organization_id', 'email'])
      table.index(['organization_id', 'last_name'])
      table.index(['user_id'])
    })

    this.schema.createTable('applications', (table) => {
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
      /**
       * Erasing a trainee (e.g. the retention purge of rejected applicants)
       * erases their applications.
       */
      table
        .integer('trainee_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('trainees')
        .onDelete('CASCADE')
      table.string('source').notNullable()
      table.text('motivation').nullable()
      table.string('status').notNullable().defaultTo('submitted')
      table.json('eligibility').nullable()
      table.boolean('eligible').nullable()
      table.timestamp('rgpd_consent_at').nullable()
      table.timestamp('last_contact_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'status'])
      table.index(['cohort_id', 'status'])
      table.index(['trainee_id'])
    })

    this.schema.createTable('application_status_changes', (table) => {
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
      table.string('from_status').nullable()
      table.string('to_status').notNullable()
      table
        .integer('changed_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.text('note').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['organization_id'])
      table.index(['application_id', 'created_at'])
      table.index(['changed_by_id'])
    })
  }

  async down() {
    this.schema.dropTable('application_status_changes')
    this.schema.dropTable('applications')
    this.schema.dropTable('trainees')
  }
}
