import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Personal data (RGPD):
 * - `trainees.anonymized_at`: the person's identity was erased (on request
 *   or by the retention purge); what funders' figures count is kept.
 * - `cohorts.attendance_purged_at`: the cohort's attendance evidence
 *   (signatures, absence proofs, roll calls) was deleted at the end of its
 *   retention (6 years after the training, 10 when the ESF co-finances it).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('trainees', (table) => {
      table.timestamp('anonymized_at').nullable()
    })
    this.schema.alterTable('cohorts', (table) => {
      table.timestamp('attendance_purged_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable('cohorts', (table) => {
      table.dropColumn('attendance_purged_at')
    })
    this.schema.alterTable('trainees', (table) => {
      table.dropColumn('anonymized_at')
    })
  }
}
