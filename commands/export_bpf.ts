import { writeFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Writes BPF section F of one organisation for a civil year to an XLSX
 * file, for scheduled use, e.g. each January:
 *
 *   0 6 15 1 *  cd /srv/cohorte && node ace export:bpf --year $(($(date +\%Y)-1)) --organization alpha --out /srv/exports/bpf.xlsx
 */
export default class ExportBpf extends BaseCommand {
  static commandName = 'export:bpf'
  static description = 'Export BPF section F (trainees and hours followed) of a civil year to XLSX'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Civil year, e.g. 2026', required: true })
  declare year: string

  @flags.string({ description: 'Organisation slug', required: true })
  declare organization: string

  @flags.string({ description: 'Output file', default: 'bpf.xlsx' })
  declare out: string

  async run() {
    const { default: ComputeBpfSectionF, askedBpfYear } =
      await import('#actions/reports/bpf_section_f')
    const { buildBpfXlsx } = await import('#exports/bpf_xlsx')
    const { default: Organization } = await import('#models/organization')

    let year: number
    try {
      year = askedBpfYear(this.year)
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
      return
    }
    const organization = await Organization.findBy('slug', this.organization)
    if (!organization) {
      this.logger.error(`Organisation inconnue : ${this.organization}`)
      this.exitCode = 1
      return
    }
    const report = await new ComputeBpfSectionF().handle({ organizationId: organization.id, year })
    await writeFile(this.out, await buildBpfXlsx(report, organization.name))
    this.logger.info(`${this.out} : ${report.sentence}`)
    if (!report.totalsMatch) this.exitCode = 2
  }
}
