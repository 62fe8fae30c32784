import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What an organisation sets up before it runs a cohort: its sites, its
 * programmes and their curriculum, the companies it works with.
 *
 * Enumerated values are plain strings (their lists live in app/enums) so
 * the schema is the same on SQLite and PostgreSQL.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sites', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('name').notNullable()
      table.string('address').nullable()
      table.string('postal_code', 5).nullable()
      table.string('city').nullable()
      /**
       * '76', '2A', '971'…: public holidays depend on it (Alsace-Moselle,
       * overseas departments).
       */
      table.string('department_code', 3).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
    })

    this.schema.createTable('programmes', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('title').notNullable()
      table.string('slug').notNullable()
      table.text('description').nullable()
      table.integer('total_hours').notNullable()
      table.string('certification_kind').notNullable().defaultTo('none')
      table.string('certification_code', 20).nullable()
      table.integer('certification_level').nullable()
      table.string('formacode', 5).nullable()
      table.string('nsf_code', 10).nullable()
      table.string('bpf_objective').nullable()
      table.string('gen_label_id').nullable()
      table.date('gen_label_valid_from').nullable()
      table.date('gen_label_valid_until').nullable()
      table.json('eligibility_rules').nullable()
      table.json('target_ratios').nullable()
      table.string('status').notNullable().defaultTo('draft')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['organization_id', 'slug'])
    })

    this.schema.createTable('programme_modules', (table) => {
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
        .onDelete('CASCADE')
      table.string('title').notNullable()
      table.string('kind').notNullable()
      table.decimal('planned_hours', 6, 2).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.string('location').notNullable().defaultTo('centre')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
      table.index(['programme_id', 'position'])
    })

    this.schema.createTable('partner_companies', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.string('name').notNullable()
      table.string('siret', 14).nullable()
      table.string('sector').nullable()
      table.string('address_line').nullable()
      table.string('postal_code', 5).nullable()
      table.string('city').nullable()
      table.text('notes').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id', 'name'])
    })

    this.schema.createTable('company_contacts', (table) => {
      table.increments('id')
      table
        .integer('organization_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table
        .integer('partner_company_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('partner_companies')
        .onDelete('CASCADE')
      table.string('full_name').notNullable()
      table.string('role').nullable()
      table.string('email', 254).nullable()
      table.string('phone', 20).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['organization_id'])
      table.index(['partner_company_id'])
    })
  }

  async down() {
    this.schema.dropTable('company_contacts')
    this.schema.dropTable('partner_companies')
    this.schema.dropTable('programme_modules')
    this.schema.dropTable('programmes')
    this.schema.dropTable('sites')
  }
}
