import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Internal to `npm run bench` (bench/export.ts runs it in a child process
 * so each peak RSS is its own): writes the national dataset's funder
 * outcome spreadsheet either through the app's export code (`--mode app`)
 * or with ExcelJS alone from rows already in memory (`--mode floor`), then
 * prints one line: BENCH_EXPORT_RESULT {"mode","ms","maxRssMb","rows"}.
 */
export default class BenchExport extends BaseCommand {
  static commandName = 'bench:export'
  static description =
    'Internal to npm run bench: time one outcome-spreadsheet export (app or floor)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'app (the export code) or floor (ExcelJS alone)', default: 'app' })
  declare mode: string

  @flags.string({ description: 'File to write (default tmp/bench-export-<mode>.xlsx)' })
  declare out?: string

  async run() {
    const { default: app } = await import('@adonisjs/core/services/app')
    const { runAppExport, runFloorExport, EXPORT_RESULT_MARK } = await import('#bench/export')
    if (this.mode !== 'app' && this.mode !== 'floor') {
      this.logger.error('--mode takes app or floor')
      this.exitCode = 1
      return
    }
    const out = this.out ?? app.tmpPath(`bench-export-${this.mode}.xlsx`)
    const result = this.mode === 'app' ? await runAppExport(out) : await runFloorExport(out)
    this.logger.log(`${EXPORT_RESULT_MARK}${JSON.stringify(result)}`)
  }
}
