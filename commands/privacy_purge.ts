import { PARIS } from '#services/sql_time'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The retention purge of personal data: rejected applicants anonymised 2
 * years after the last contact, attendance evidence deleted 6 years after
 * the training (10 when the ESF co-finances it), each organisation's
 * settings deciding. `--dry-run` lists what would go and changes nothing.
 * Call it from cron, e.g. every night:
 *
 *   15 3 * * *  cd /srv/cohorte && node ace privacy:purge
 */
export default class PrivacyPurge extends BaseCommand {
  static commandName = 'privacy:purge'
  static description =
    'Purge personal data past its retention (rejected applicants, attendance evidence)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'List what would be purged without changing anything' })
  declare dryRun: boolean

  async run() {
    const { default: PurgePersonalData } = await import('#actions/privacy/purge_personal_data')
    if (this.dryRun) {
      const plan = await new PurgePersonalData().plan()
      this.logger.info(`${plan.applicants.length} candidat(s) refusé(s) à anonymiser`)
      for (const applicant of plan.applicants) {
        this.logger.info(
          `  candidat n° ${applicant.traineeId} (${applicant.name}), dernier contact le ${applicant.lastContactAt.setZone(PARIS).toFormat('dd/LL/yyyy')}`
        )
      }
      this.logger.info(
        `${plan.attendance.length} promotion(s) dont les preuves de présence sont à supprimer`
      )
      for (const cohort of plan.attendance) {
        this.logger.info(
          `  promotion n° ${cohort.cohortId} (${cohort.name}), terminée le ${cohort.endsOn.toFormat('dd/LL/yyyy')}${cohort.esf ? ', cofinancée par le FSE' : ''} : ${cohort.records} émargement(s), ${cohort.proofs} justificatif(s)`
        )
      }
      return
    }

    const { default: dispatcher } = await import('#services/dispatcher')
    const { default: PurgePersonalDataJob } = await import('#jobs/purge_personal_data_job')
    const result = await dispatcher.dispatch(PurgePersonalDataJob, {})
    if (result.driver === 'sync' && result.status === 'failed') {
      this.logger.error(`Purge des données personnelles : échec (${String(result.error)})`)
      this.exitCode = 1
      return
    }
    this.logger.info(
      result.driver === 'sync'
        ? 'Purge des données personnelles terminée'
        : `Purge des données personnelles mise en file (tâche ${result.id})`
    )
  }
}
