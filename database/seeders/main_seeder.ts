import { BaseSeeder } from '@adonisjs/lucid/seeders'
import app from '@adonisjs/core/services/app'
import {
  DEMO_ACCOUNTS,
  OTHER_DEMO_ACCOUNTS,
  formatDemoAccounts,
  seedDemoWorld,
  writeDemoAccounts,
} from '#services/demo_world'
import Cohort from '#models/cohort'
import dispatcher from '#services/dispatcher'
import CheckAttendanceAlertsJob from '#jobs/check_attendance_alerts_job'
import RefreshProgrammeResultsJob from '#jobs/refresh_programme_results_job'

/**
 * The running cohorts' attendance alerts, as the evening check would have
 * raised them, so the coordinator's dashboard shows some.
 */
async function checkAttendanceAlerts() {
  const cohorts = await Cohort.query().where('status', 'running').select('id')
  for (const cohort of cohorts) {
    await dispatcher.dispatch(CheckAttendanceAlertsJob, { cohortId: cohort.id })
  }
}

/**
 * The demo world (app/services/demo_world.ts), the only seeder: `node ace
 * db:seed` runs every file of database/seeders, so keep helpers elsewhere.
 *
 * Idempotent: when the organisation 'trajectio' exists, nothing is
 * written (start afresh with `node ace migration:fresh --seed`). The demo
 * accounts are written to tmp/demo-accounts.json either way.
 *
 * Never in production: its accounts share a published password.
 */
export default class MainSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const started = performance.now()
    const { created } = await seedDemoWorld(this.client)
    await writeDemoAccounts(app.makePath('tmp', 'demo-accounts.json'))
    if (created) {
      await checkAttendanceAlerts()
      // The public results pages (Qualiopi), as the nightly refresh makes them.
      await dispatcher.dispatch(RefreshProgrammeResultsJob, {})
    }

    if (app.inTest) return
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      created
        ? `\nMonde de démonstration créé en ${seconds} s.`
        : '\nMonde de démonstration déjà présent (organisation « trajectio ») : rien n’a été modifié.'
    )
    console.log(`\nComptes de démonstration :\n${formatDemoAccounts(DEMO_ACCOUNTS)}`)
    console.log(
      `\nAutres comptes, même mot de passe : ${OTHER_DEMO_ACCOUNTS.map((a) => a.email).join(', ')}\n`
    )
  }
}
