import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Fills a freshly migrated PostgreSQL database with the national dataset
 * of `npm run bench` (see bench/national_seed.ts), in set-based SQL:
 *
 *   DB_CONNECTION=pg DB_DATABASE=cohorte_bench node ace migration:fresh --force
 *   DB_CONNECTION=pg DB_DATABASE=cohorte_bench node ace bench:seed --trainees 100000
 *
 * Never on real data: it refuses a database that already holds
 * organisations, and refuses SQLite.
 */
export default class BenchSeed extends BaseCommand {
  static commandName = 'bench:seed'
  static description = 'Fill an empty PostgreSQL database with the national benchmark dataset'
  static options: CommandOptions = { startApp: true }

  @flags.number({
    description: 'Enrolled trainees (25 per cohort; everything scales)',
    default: 100000,
  })
  declare trainees: number

  @flags.string({
    description: 'The day the data is "as of" (YYYY-MM-DD, Paris); default today',
  })
  declare today?: string

  async run() {
    const { DateTime } = await import('luxon')
    const { default: app } = await import('@adonisjs/core/services/app')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: hash } = await import('@adonisjs/core/services/hash')
    const { seedNationalDataset, SEEDED_TABLES, BENCH_PASSWORD } =
      await import('#bench/national_seed')
    const { bumpAllDataVersions } = await import('#database/support/data_version_triggers')
    const { PARIS } = await import('#services/sql_time')

    if (app.inProduction) {
      this.logger.error('bench:seed writes a synthetic dataset: it does not run in production.')
      this.exitCode = 1
      return
    }
    if (db.connection().dialect.name !== 'postgres') {
      this.logger.error(
        'bench:seed needs PostgreSQL (DB_CONNECTION=pg): the national dataset is written with PostgreSQL SQL.'
      )
      this.exitCode = 1
      return
    }
    if (!Number.isInteger(this.trainees) || this.trainees < 25) {
      this.logger.error('--trainees takes a whole number, at least 25 (one cohort).')
      this.exitCode = 1
      return
    }
    const anchor = this.today
      ? DateTime.fromISO(this.today, { zone: PARIS })
      : DateTime.now().setZone(PARIS).startOf('day')
    if (!anchor.isValid) {
      this.logger.error('--today takes a day as YYYY-MM-DD.')
      this.exitCode = 1
      return
    }
    const [existing] = await db.from('organizations').count('* as total')
    if (Number(existing.total) > 0) {
      this.logger.error(
        'The database already holds organisations: bench:seed only fills a freshly migrated database (node ace migration:fresh --force).'
      )
      this.exitCode = 1
      return
    }

    const started = performance.now()
    const passwordHash = await hash.use('scrypt').make(BENCH_PASSWORD)
    const size = await db.transaction(async (trx) => {
      // Foreign keys are right by construction: skip their per-row checks when allowed (superuser).
      await trx.rawQuery('set local session_replication_role = replica').catch(() => {})
      await trx.rawQuery(`set local work_mem = '256MB'`)
      const seeded = await seedNationalDataset(trx, {
        trainees: this.trainees,
        anchor: anchor.startOf('day'),
        passwordHash,
        log: (line) => this.logger.info(line),
      })
      // The triggers were off: the page cache's versions are set here.
      await bumpAllDataVersions(trx)
      return seeded
    })
    const analyzeStarted = performance.now()
    // As autovacuum leaves a live database: planner statistics, and the
    // visibility map that lets index-only scans skip the table.
    await db.rawQuery('vacuum (analyze)')
    this.logger.info(
      `vacuum (analyze): ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`
    )

    const counts: string[] = []
    for (const table of SEEDED_TABLES) {
      const [row] = await db.from(table).count('* as total')
      counts.push(`  ${table.padEnd(28)} ${Number(row.total).toLocaleString('en-US')}`)
    }
    this.logger.log(
      [
        `National dataset as of ${anchor.toISODate()}: ${size.organizations} organisations, ${size.programmes} programmes, ${size.cohorts} cohorts`,
        ...counts,
        `Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ].join('\n')
    )
  }
}
