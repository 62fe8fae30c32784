import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Cohorts (a programme run at a site between dates), the funders paying
 * for their places, and their schedule.
 *
 * Foreign keys whose deletion would lose evidence are `NO ACTION`: the
 * parent cannot be deleted while rows point to it, yet deleting a whole
 * organisation still cascades (NO ACTION is checked at the end of the
 * statement, RESTRICT at once, which would break the cascade).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('cohorts', (table) => {
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
        .references('id')
        .inTable('programmes')
        .onDelete('NO ACTION')
      table
        .integer('site_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('sites')
        .onDelete('NO ACTION')
      table
        .integer('coordinator_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('name').notNullable()
      table.date('starts_on').notNullable()
      table.date('ends_on').notNullable()
      table.integer('capacity').notNullable()
      table.string('status').notNullable().defaultTo('planned')
      table.boolean('esf_cofinanced').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'status'])
      table.index(['programme_id'])
      table.index(['site_id'])
      table.index(['coordinator_id'])
    })

    /**
     * Funders of a cohort and the places each pays for. A funder spans
     * organisations; the row belongs to the cohort's organisation.
     */
    this.schema.createTable('cohort_funders', (table) => {
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
        .integer('funder_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('funders')
        .onDelete('NO ACTION')
      table.integer('places_funded').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['cohort_id', 'funder_id'])
      table.index(['funder_id'])
      table.index(['organization_id'])
    })

    /**
     * One scheduled slot of a cohort. Start and end are stored in UTC and
     * shown in Paris time.
     */
    this.schema.createTable('class_sessions', (table) => {
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
        .integer('programme_module_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('programme_modules')
        .onDelete('SET NULL')
      table
        .integer('trainer_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('partner_company_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('partner_companies')
        .onDelete('SET NULL')
      table.timestamp('starts_at').notNullable()
      table.timestamp('ends_at').notNullable()
      table.string('room').nullable()
      table.boolean('is_cancelled').notNullable().defaultTo(false)
      table.timestamp('published_at').nullable()
      table.timestamp('changed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
      table.index(['cohort_id', 'starts_at'])
      table.index(['trainer_id', 'starts_at'])
      table.index(['programme_module_id'])
      table.index(['partner_company_id'])
    })
  }

  async down() {
    this.schema.dropTable('class_sessions')
    this.schema.dropTable('cohort_funders')
    this.schema.dropTable('cohorts')
  }
}
