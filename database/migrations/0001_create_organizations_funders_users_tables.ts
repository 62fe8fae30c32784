import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organizations', (table) => {
      table.increments('id')
      table.string('name').notNullable()
      table.string('slug').notNullable().unique()
      table.string('siret', 14).nullable()
      table.string('nda', 20).nullable()
      table.string('qualiopi_status').notNullable().defaultTo('none')
      table.date('qualiopi_valid_until').nullable()
      table.integer('retention_rejected_years').notNullable().defaultTo(2)
      table.integer('retention_attendance_years').notNullable().defaultTo(6)
      table.integer('retention_attendance_esf_years').notNullable().defaultTo(10)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('funders', (table) => {
      table.increments('id')
      table.string('name').notNullable()
      table.string('slug').notNullable().unique()
      table.string('kind').notNullable()
      table.boolean('receives_names').notNullable().defaultTo(false)
      table.json('absence_reasons').nullable()
      table.json('outcome_definitions').nullable()
      table.json('report_formats').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('users', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('funder_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('funders')
        .onDelete('CASCADE')
      table.string('full_name').notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password').nullable()
      table.string('role').notNullable()
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'role'])
    })

    /**
     * One-time tokens sent by email: password reset and magic sign-in links.
     * Only a hash of the token is stored.
     */
    this.schema.createTable('login_tokens', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind').notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['user_id', 'kind'])
    })

    /**
     * Counters of @adonisjs/limiter's database store.
     */
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    this.schema.dropTable('rate_limits')
    this.schema.dropTable('login_tokens')
    this.schema.dropTable('users')
    this.schema.dropTable('funders')
    this.schema.dropTable('organizations')
  }
}
