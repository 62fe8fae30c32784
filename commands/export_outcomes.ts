import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Writes a funder's outcome spreadsheet for a period straight to a file,
 * with the same builder as the exports page (across organisations):
 *
 *   node ace export:outcomes --funder france-travail --from 2025-01-01 --to 2025-06-30 --out resultats.xlsx
 */
export default class ExportOutcomes extends BaseCommand {
  static commandName = 'export:outcomes'
  static description = 'Write the outcome spreadsheet (XLSX) of a funder over a period'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Funder slug or id', required: true })
  declare funder: string

  @flags.string({ description: 'First day (YYYY-MM-DD)', required: true })
  declare from: string

  @flags.string({ description: 'Last day, included (YYYY-MM-DD)', required: true })
  declare to: string

  @flags.string({ description: 'Output file (.xlsx)', required: true })
  declare out: string

  async run() {
    const { DateTime } = await import('luxon')
    const { default: Funder } = await import('#models/funder')
    const { default: BuildOutcomeSpreadsheet, countScopeEnrollments } =
      await import('#exports/outcome_spreadsheet')
    const from = DateTime.fromISO(this.from, { zone: 'utc' })
    const to = DateTime.fromISO(this.to, { zone: 'utc' })
    if (!from.isValid || !to.isValid || to < from) {
      this.logger.error(
        'Période invalide : --from et --to au format AAAA-MM-JJ, --to après --from.'
      )
      this.exitCode = 1
      return
    }
    const funder = /^\d+$/.test(this.funder)
      ? await Funder.find(Number(this.funder))
      : await Funder.findBy('slug', this.funder)
    if (!funder) {
      this.logger.error(`Financeur introuvable : ${this.funder}`)
      this.exitCode = 1
      return
    }
    const scope = { funderId: funder.id, organizationId: null, from, to }
    if ((await countScopeEnrollments(scope)) === 0) {
      this.logger.error(
        `Aucun parcours financé par ${funder.name} sur cette période : aucun fichier écrit.`
      )
      this.exitCode = 1
      return
    }
    const out = createWriteStream(this.out)
    const { rowCount } = await new BuildOutcomeSpreadsheet().handle({ funder, scope, stream: out })
    out.end()
    await finished(out)
    this.logger.success(`${rowCount} parcours écrits dans ${this.out}`)
  }
}
