import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Deletes the export files past their retention; their download links then
 * say "expired". Run daily from cron: `node ace exports:purge`.
 */
export default class ExportsPurge extends BaseCommand {
  static commandName = 'exports:purge'
  static description = 'Delete expired export files'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { purgeExpiredExports } = await import('#actions/exports/outcome_exports')
    const count = await purgeExpiredExports()
    this.logger.info(`${count} export(s) expiré(s) supprimé(s)`)
  }
}
