import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Hours at national scale (issue 9, checked with EXPLAIN ANALYZE on
 * `bench:seed --trainees 100000`): every hours aggregate (cohort summary,
 * funder page, outcome spreadsheet, alerts) probes the attendance record
 * of each planned session and trainee. On PostgreSQL this index carries
 * what the rule reads (status, minutes missed, justification), so each
 * probe is an index-only scan with no heap fetch (a quarter fewer buffers
 * read on a 500-enrollment chunk of the spreadsheet). SQLite has no
 * INCLUDE; its unique (session, enrollment) key serves the same lookups.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw(
      `create index attendance_records_session_enrollment_covering_index
         on attendance_records (class_session_id, enrollment_id)
         include (status, minutes_missed, absence_justified)`
    )
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('drop index if exists attendance_records_session_enrollment_covering_index')
  }
}
