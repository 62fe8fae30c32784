import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The job outbox (QUEUE_DRIVER=bullmq): every dispatched job is written
 * here first, in the caller's transaction when it passes one, then pushed
 * to Redis. A row stays `pending` until Redis has the job; the relay of
 * `node ace jobs:work` pushes pending rows again, with the row id as the
 * BullMQ job id, so a row pushed twice is still one job.
 */
export default class extends BaseSchema {
  protected tableName = 'job_outbox'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('job_name', 120).notNullable()
      table.text('payload').notNullable()
      // Not before this moment (a dispatch with `delay`).
      table.timestamp('available_at').notNullable()
      table.string('status', 16).notNullable().defaultTo('pending')
      table.integer('push_attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('sent_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['status', 'id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
