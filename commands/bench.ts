import { writeFile, mkdir } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

type Measure = { label: string; size: number; medianMs: number; queries: number }

/**
 * The first version of `npm run bench`: the roll-call save and a cohort's
 * attendance summary, timed (median of several runs) and with the number
 * of SQL queries each runs, for a small and a large cohort. The query
 * counts must be equal whatever the cohort's size.
 *
 * It builds its own data in the database it is given (the npm script
 * points it at tmp/bench.sqlite3, freshly migrated); never run it on real
 * data. Prints a table and writes it to tmp/bench.txt.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description =
    'Measure the roll-call save and the cohort attendance summary (time, SQL queries)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Cohort sizes to compare, comma separated', default: '10,200' })
  declare sizes: string

  @flags.number({ description: 'Past sessions with attendance per cohort', default: 60 })
  declare pastSessions: number

  @flags.number({ description: 'Runs per measure (the median is reported)', default: 5 })
  declare runs: number

  async run() {
    const { default: app } = await import('@adonisjs/core/services/app')
    if (app.inProduction) {
      this.logger.error('The bench writes its own data: it does not run in production.')
      this.exitCode = 1
      return
    }
    const sizes = this.sizes.split(',').map((value) => Number(value.trim()))
    if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
      this.logger.error('--sizes takes whole numbers, e.g. 10,200')
      this.exitCode = 1
      return
    }

    const measures: Measure[] = []
    for (const size of sizes) {
      const world = await this.buildCohort(size)
      measures.push(await this.measureRollCall(world, size))
      measures.push(await this.measureSummary(world, size))
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const report = this.report(measures, db.connection().dialect.name)
    this.logger.log(report)
    await mkdir(app.tmpPath(), { recursive: true })
    await writeFile(app.tmpPath('bench.txt'), report + '\n')
    this.logger.info(`Written to ${app.tmpPath('bench.txt')}`)

    const unequal = ['Roll-call save', 'Cohort summary'].filter(
      (label) => new Set(measures.filter((m) => m.label === label).map((m) => m.queries)).size > 1
    )
    if (unequal.length) {
      this.logger.error(`Query count grows with the cohort: ${unequal.join(', ')}`)
      this.exitCode = 1
    }
  }

  /**
   * A cohort of `size` trainees with `pastSessions` half-days of attendance
   * (some late, some absent), written in multi-row inserts.
   */
  private async buildCohort(size: number) {
    const { DateTime } = await import('luxon')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: Organization } = await import('#models/organization')
    const { default: User } = await import('#models/user')
    const { default: Site } = await import('#models/site')
    const { default: Programme } = await import('#models/programme')
    const { default: ProgrammeModule } = await import('#models/programme_module')
    const { default: Cohort } = await import('#models/cohort')
    const { default: Trainee } = await import('#models/trainee')
    const { default: Enrollment } = await import('#models/enrollment')
    const { default: ClassSession } = await import('#models/class_session')
    const { sqlDateTime } = await import('#services/sql_time')

    const key = `bench-${size}-${Date.now()}`
    const organization = await Organization.create({ name: `Bench ${size}`, slug: key })
    const trainer = await User.create({
      organizationId: organization.id,
      fullName: 'Formatrice Bench',
      email: `formatrice@${key}.test`,
      role: 'trainer',
    })
    const site = await Site.create({
      organizationId: organization.id,
      name: 'Centre',
      city: 'Rouen',
      postalCode: '76000',
      departmentCode: '76',
    })
    const programme = await Programme.create({
      organizationId: organization.id,
      title: 'Programme',
      slug: key,
      totalHours: 400,
      certificationKind: 'none',
      status: 'ready',
    })
    const module = await ProgrammeModule.create({
      organizationId: organization.id,
      programmeId: programme.id,
      title: 'Numérique',
      kind: 'digital',
      plannedHours: 400,
      position: 1,
      location: 'centre',
    })
    const today = DateTime.now().startOf('day')
    const cohort = await Cohort.create({
      organizationId: organization.id,
      programmeId: programme.id,
      siteId: site.id,
      name: `Promotion de ${size}`,
      startsOn: today.minus({ days: this.pastSessions }),
      endsOn: today.plus({ weeks: 8 }),
      capacity: size,
      status: 'running',
    })

    const trainees = await Trainee.createMany(
      Array.from({ length: size }, (_, i) => ({
        organizationId: organization.id,
        firstName: 'Stagiaire',
        lastName: `N${String(i).padStart(4, '0')}`,
        sex: 'female' as const,
      }))
    )
    const enrollments = await Enrollment.createMany(
      trainees.map((trainee) => ({
        organizationId: organization.id,
        cohortId: cohort.id,
        traineeId: trainee.id,
        status: 'active' as const,
        startsOn: cohort.startsOn,
      }))
    )

    const past = await ClassSession.createMany(
      Array.from({ length: this.pastSessions }, (_, i) => {
        const day = today.minus({ days: this.pastSessions - i })
        return {
          organizationId: organization.id,
          cohortId: cohort.id,
          programmeModuleId: module.id,
          trainerId: trainer.id,
          startsAt: day.set({ hour: 8 }),
          endsAt: day.set({ hour: 11, minute: 30 }),
          isCancelled: false,
          rollCallAt: day.set({ hour: 11 }),
          rollCallById: trainer.id,
        }
      })
    )
    for (const session of past) {
      const rows = enrollments.map((enrollment, i) => {
        const draw = (session.id * 31 + i * 17) % 100
        return {
          organization_id: organization.id,
          class_session_id: session.id,
          enrollment_id: enrollment.id,
          status: draw < 5 ? 'absent' : draw < 12 ? 'late' : 'present',
          minutes_missed: draw >= 5 && draw < 12 ? 15 : 0,
          absence_justified: draw < 3 ? true : draw < 5 ? false : null,
          created_at: sqlDateTime(session.endsAt),
          updated_at: sqlDateTime(session.endsAt),
        }
      })
      await db.table('attendance_records').multiInsert(rows)
    }

    // Sessions happening now, one per roll-call run.
    const started = DateTime.now().startOf('minute').minus({ minutes: 20 })
    const open = await ClassSession.createMany(
      Array.from({ length: this.runs }, () => ({
        organizationId: organization.id,
        cohortId: cohort.id,
        programmeModuleId: module.id,
        trainerId: trainer.id,
        startsAt: started,
        endsAt: started.plus({ hours: 3 }),
        isCancelled: false,
      }))
    )
    return { cohort, trainer, open }
  }

  private async measureRollCall(
    world: Awaited<ReturnType<Bench['buildCohort']>>,
    size: number
  ): Promise<Measure> {
    const { default: RecordRollCall } = await import('#actions/roll_calls/record_roll_call')
    const timings: number[] = []
    let queries = 0
    for (const session of world.open) {
      const run = await this.counted(() =>
        new RecordRollCall().handle({
          session,
          user: world.trainer,
          input: { rows: {}, allPresent: true },
        })
      )
      if (!run.result.saved) throw new Error(`Roll call refused: ${run.result.message}`)
      timings.push(run.ms)
      queries = run.queries
    }
    return { label: 'Roll-call save', size, medianMs: median(timings), queries }
  }

  private async measureSummary(
    world: Awaited<ReturnType<Bench['buildCohort']>>,
    size: number
  ): Promise<Measure> {
    const { default: ComputeAttendance } = await import('#actions/attendance/compute_attendance')
    const timings: number[] = []
    let queries = 0
    for (let i = 0; i < this.runs; i++) {
      const run = await this.counted(() => new ComputeAttendance().forCohort(world.cohort))
      if (run.result.enrollments.length !== size) throw new Error('Summary lost trainees')
      timings.push(run.ms)
      queries = run.queries
    }
    return { label: 'Cohort summary', size, medianMs: median(timings), queries }
  }

  /**
   * Runs `work` with query debugging on, counting the `db:query` events.
   */
  private async counted<T>(work: () => Promise<T>) {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: emitter } = await import('@adonisjs/core/services/emitter')
    // Each query client reads `debug` from its connection's config when it
    // is made: turned on here, every query of `work` emits `db:query`.
    const config = db.manager.get(db.primaryConnectionName)!.config
    const before = config.debug
    let queries = 0
    const listener = () => queries++
    config.debug = true
    emitter.on('db:query', listener)
    const start = performance.now()
    try {
      const result = await work()
      return { result, queries, ms: performance.now() - start }
    } finally {
      emitter.off('db:query', listener)
      config.debug = before
    }
  }

  private report(measures: Measure[], database: string) {
    const header = ['Measure', 'Trainees', 'Median (ms)', 'SQL queries']
    const lines = measures.map((m) => [
      m.label,
      String(m.size),
      m.medianMs.toFixed(1),
      String(m.queries),
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)))
    const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ')
    return [
      `Cohorte bench — ${new Date().toISOString()} — ${database}, ${this.pastSessions} past half-days, ${this.runs} runs`,
      format(header),
      widths.map((w) => '-'.repeat(w)).join('  '),
      ...lines.map(format),
    ].join('\n')
  }
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
