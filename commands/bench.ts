import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile, mkdir } from 'node:fs/promises'
import http from 'node:http'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { BenchRow } from '#bench/report'

/**
 * What the bench builds for the pages: one organisation per cohort size,
 * alike but for the size, each with an account per role.
 */
type Side = {
  size: number
  email: Record<'coordinator' | 'trainer' | 'trainee' | 'funder', string>
  cohortId: number
  /** Today's session of the cohort (the roll-call page). */
  sessionId: number
  cohort: import('#models/cohort').default
  trainer: import('#models/user').default
  /** Sessions happening now, one per roll-call save measured. */
  open: import('#models/class_session').default[]
}

type Role = keyof Side['email']

/** A page measured: who asks for which URL. */
type Page = { label: string; role: Role; path: (side: Side) => string }

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; wire: number }

type Cannon = {
  requests: { total: number }
  latency: { p99: number }
  /** Seconds the load lasted. */
  duration: number
  non2xx: number
  errors: number
  timeouts: number
}

/** Several loads of one path taken together: requests/s and the worst p99. */
type Load = { perSecond: number; p99: number; non2xx: number; errors: number; timeouts: number }

const ROUNDS = 5

const PASSWORD = 'bench-password-123'

const PAGES: Page[] = [
  { label: 'trainee planning', role: 'trainee', path: () => '/mon-planning' },
  {
    label: 'roll-call page',
    role: 'trainer',
    path: (side) => `/formateur/seances/${side.sessionId}/appel`,
  },
  { label: 'coordinator dashboard', role: 'coordinator', path: () => '/coordination' },
  {
    label: 'cohort attendance summary',
    role: 'coordinator',
    path: (side) => `/coordination/promotions/${side.cohortId}/presences`,
  },
  {
    label: 'funder portal (cohort page)',
    role: 'funder',
    path: (side) => `/financeur/promotions/${side.cohortId}`,
  },
]

/**
 * `npm run bench` measures the production build against floors taken in
 * the same run (see the README's "Bench" section):
 *
 * - Pages: requests/s and p99 of five pages (autocannon, loopback) against
 *   `/health/live` of the same server, loaded in turns (a few seconds of
 *   each, five times) so a slow spell of the machine weighs on both;
 * - Queries: the SQL queries of each page for a cohort of 10 and of 200
 *   trainees (counted by the server itself, BENCH_QUERY_COUNT=true), and of
 *   the roll-call save and the attendance summary (counted here): they
 *   must be equal, or the command fails;
 * - Weight: bytes a browser receives for a first visit to "Mon planning"
 *   with every asset it references;
 * - Export and Aggregates: bench/export.ts and bench/aggregates.ts.
 *
 * It writes its own organisations into the database it is given (the
 * npm script points it at a throwaway one): never run it on real data.
 * It starts `build/bin/server.js` (run `node ace build` first) and stops
 * it, also on failure. Prints the table and writes it to tmp/bench.txt.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description =
    'Measure pages, SQL queries, weight, exports and aggregates against their floors'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Seconds of load per page and per floor', default: 10 })
  declare duration: number

  @flags.number({ description: 'Seconds of warm-up before each measure', default: 3 })
  declare warmup: number

  @flags.number({ description: 'Concurrent connections (autocannon)', default: 10 })
  declare connections: number

  @flags.number({ description: 'Port of the bench server (127.0.0.1)', default: 3334 })
  declare port: number

  @flags.boolean({ description: 'Short measures for development (3 s, 1 s warm-up)' })
  declare fast: boolean

  @flags.boolean({ description: 'Skip the export and aggregate measures' })
  declare skipData: boolean

  #server: ChildProcess | null = null

  async run() {
    const { default: app } = await import('@adonisjs/core/services/app')
    if (app.inProduction) {
      this.logger.error('The bench writes its own data: it does not run in production.')
      this.exitCode = 1
      return
    }
    if (!existsSync(app.makePath('build/bin/server.js'))) {
      this.logger.error('No production build: run `node ace build` first (npm run bench does).')
      this.exitCode = 1
      return
    }
    if (this.fast) {
      this.duration = Math.min(this.duration, 3)
      this.warmup = Math.min(this.warmup, 1)
    }

    // The server runs in its own process group: Ctrl-C does not reach it.
    const stop = () => this.stopServer()
    const interrupt = (signal: NodeJS.Signals) => {
      this.stopServer()
      process.kill(process.pid, signal)
    }
    process.once('exit', stop)
    process.once('SIGINT', interrupt)
    process.once('SIGTERM', interrupt)
    const rows: BenchRow[] = []
    const failures: string[] = []
    try {
      this.logger.info('Building the page fixtures (cohorts of 10, 25 and 200 trainees)')
      const sides = {
        small: await this.buildSide(10),
        roll: await this.buildSide(25),
        large: await this.buildSide(200),
      }
      // Planner statistics, as autovacuum keeps them on a live database:
      // without them, freshly written tables get nested-loop plans.
      const { default: db } = await import('@adonisjs/lucid/services/db')
      if (db.connection().dialect.name === 'postgres') await db.rawQuery('analyze')

      rows.push(...(await this.measureQueries(sides.small, sides.large, failures)))
      rows.push(...(await this.measureActions(sides.small, sides.large, failures)))
      rows.push(...(await this.measurePages(sides, failures, { cached: true })))
      rows.push(...(await this.measurePages(sides, failures, { cached: false })))

      if (!this.skipData) rows.push(...(await this.measureData(failures)))
    } finally {
      this.stopServer()
      process.off('exit', stop)
      process.off('SIGINT', interrupt)
      process.off('SIGTERM', interrupt)
    }

    const order: BenchRow['section'][] = ['Export', 'Pages', 'Queries', 'Aggregates', 'Weight']
    rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section))
    const { formatTable } = await import('#bench/report')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const table = [
      `Cohorte bench — ${new Date().toISOString()} — ${db.connection().dialect.name}, ` +
        `${this.connections} connections, ${this.duration} s per measure`,
      formatTable(rows),
      ...failures.map((failure) => `FAILED: ${failure}`),
    ].join('\n')
    this.logger.log(table)
    await mkdir(app.tmpPath(), { recursive: true })
    await writeFile(app.tmpPath('bench.txt'), table + '\n')
    this.logger.info(`Written to ${app.tmpPath('bench.txt')}`)
    if (failures.length) this.exitCode = 1
  }

  /*
  |--------------------------------------------------------------------------
  | Fixtures
  |--------------------------------------------------------------------------
  */

  /**
   * An organisation with a coordinator, a trainer, a funder (and its
   * account), and a running cohort of `size` trainees the funder funds:
   * 30 past half-days with attendance, today's sessions, 30 days ahead.
   * The first trainee has an account. Written with multi-row inserts.
   */
  private async buildSide(size: number): Promise<Side> {
    const { DateTime } = await import('luxon')
    const { default: Organization } = await import('#models/organization')
    const { default: Funder } = await import('#models/funder')
    const { default: User } = await import('#models/user')
    const { default: Site } = await import('#models/site')
    const { default: Programme } = await import('#models/programme')
    const { default: ProgrammeModule } = await import('#models/programme_module')
    const { default: Cohort } = await import('#models/cohort')
    const { default: ClassSession } = await import('#models/class_session')
    const { PARIS, sqlDateTime } = await import('#services/sql_time')

    const key = `bench-${size}-${Date.now().toString(36)}`
    const organization = await Organization.create({ name: `Bench ${size}`, slug: key })
    const funder = await Funder.create({ name: `Financeur ${key}`, slug: key, kind: 'region' })
    const email = {
      coordinator: `coordination@${key}.test`,
      trainer: `formation@${key}.test`,
      trainee: `stagiaire@${key}.test`,
      funder: `financeur@${key}.test`,
    }
    const users = {} as Record<Role, InstanceType<typeof User>>
    for (const role of Object.keys(email) as Role[]) {
      users[role] = await User.create({
        organizationId: role === 'funder' ? null : organization.id,
        funderId: role === 'funder' ? funder.id : null,
        fullName: `${role} ${size}`,
        email: email[role],
        password: PASSWORD,
        role,
      })
    }
    const site = await Site.create({
      organizationId: organization.id,
      name: 'Centre',
      city: 'Rouen',
      postalCode: '76000',
      departmentCode: '76',
    })
    const programme = await Programme.create({
      organizationId: organization.id,
      title: `Programme ${size}`,
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
    const today = DateTime.now().setZone(PARIS).startOf('day')
    const cohort = await Cohort.create({
      organizationId: organization.id,
      programmeId: programme.id,
      siteId: site.id,
      coordinatorId: users.coordinator.id,
      name: `Promotion de ${size}`,
      startsOn: today.minus({ days: 45 }),
      endsOn: today.plus({ days: 45 }),
      capacity: size,
      status: 'running',
    })
    await cohort.related('funders').attach({
      [funder.id]: { places_funded: size, organization_id: organization.id },
    })

    const now = sqlDateTime(DateTime.now())
    const traineeIds = await this.insert(
      'trainees',
      Array.from({ length: size }, (_, i) => ({
        organization_id: organization.id,
        user_id: i === 0 ? users.trainee.id : null,
        first_name: 'Stagiaire',
        last_name: `N${String(i).padStart(4, '0')}`,
        sex: 'female',
        created_at: now,
        updated_at: now,
      }))
    )
    const enrollmentIds = await this.insert(
      'enrollments',
      traineeIds.map((traineeId) => ({
        organization_id: organization.id,
        cohort_id: cohort.id,
        trainee_id: traineeId,
        status: 'active',
        starts_on: cohort.startsOn.toISODate(),
        created_at: now,
        updated_at: now,
      }))
    )

    const days = Array.from({ length: 61 }, (_, i) => today.plus({ days: i - 30 }))
    const sessions = days.flatMap((day) =>
      [
        [day.set({ hour: 9 }), day.set({ hour: 12, minute: 30 })],
        [day.set({ hour: 13, minute: 30 }), day.set({ hour: 17 })],
      ].map(([startsAt, endsAt]) => ({
        organization_id: organization.id,
        cohort_id: cohort.id,
        programme_module_id: module.id,
        trainer_id: users.trainer.id,
        starts_at: sqlDateTime(startsAt),
        ends_at: sqlDateTime(endsAt),
        room: 'Salle 1',
        is_cancelled: false,
        published_at: now,
        roll_call_at: endsAt < today ? sqlDateTime(endsAt.minus({ minutes: 5 })) : null,
        roll_call_by_id: endsAt < today ? users.trainer.id : null,
        created_at: now,
        updated_at: now,
        endsAt,
      }))
    )
    const sessionIds = await this.insert(
      'class_sessions',
      sessions.map(({ endsAt: _, ...row }) => row)
    )
    const past = sessionIds.filter((_, i) => sessions[i].endsAt < today)
    for (const sessionId of past) {
      await this.insert(
        'attendance_records',
        enrollmentIds.map((enrollmentId, i) => {
          const draw = (sessionId * 31 + i * 17) % 100
          return {
            organization_id: organization.id,
            class_session_id: sessionId,
            enrollment_id: enrollmentId,
            status: draw < 5 ? 'absent' : draw < 12 ? 'late' : 'present',
            minutes_missed: draw >= 5 && draw < 12 ? 15 : 0,
            absence_justified: draw < 3 ? true : draw < 5 ? false : null,
            created_at: now,
            updated_at: now,
          }
        }),
        false
      )
    }
    const todayIndex = sessions.findIndex((session) => session.endsAt >= today)

    // Sessions happening now, one per roll-call save measured.
    const started = DateTime.now().startOf('minute').minus({ minutes: 20 })
    const open = await ClassSession.createMany(
      Array.from({ length: 3 }, () => ({
        organizationId: organization.id,
        cohortId: cohort.id,
        programmeModuleId: module.id,
        trainerId: users.trainer.id,
        startsAt: started,
        endsAt: started.plus({ hours: 3 }),
        isCancelled: false,
      }))
    )
    return {
      size,
      email,
      cohortId: cohort.id,
      sessionId: sessionIds[todayIndex],
      cohort,
      trainer: users.trainer,
      open,
    }
  }

  /**
   * Multi-row inserts in chunks (SQLite caps the bound variables); the new
   * ids in order when `returning` is asked.
   */
  private async insert(table: string, rows: Record<string, unknown>[], returning = true) {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const ids: number[] = []
    const chunk = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length / 32))
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk)
      if (!returning) {
        await db.table(table).multiInsert(part)
        continue
      }
      const result = await db.table(table).returning('id').multiInsert(part)
      ids.push(...result.map((row: any) => Number(typeof row === 'object' ? row.id : row)))
    }
    return ids
  }

  /*
  |--------------------------------------------------------------------------
  | The built server
  |--------------------------------------------------------------------------
  */

  /**
   * Starts `node build/bin/server.js` in production mode on the bench port,
   * in its own process group, and waits until `/health/live` answers.
   */
  private async startServer(extra: Record<string, string> = {}) {
    const { default: app } = await import('@adonisjs/core/services/app')
    const { default: env } = await import('#start/env')
    const connection = env.get('DB_CONNECTION', 'sqlite')
    const sqlite = env.get('SQLITE_PATH', 'tmp/db.sqlite3')
    const serverEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      APP_KEY: env.get('APP_KEY'),
      LOG_LEVEL: 'warn',
      SESSION_DRIVER: 'cookie',
      QUEUE_DRIVER: 'sync',
      QUEUE_PREFIX: env.get('QUEUE_PREFIX', 'cohorte-bench'),
      MAIL_MAILER: 'file',
      LIMITER_STORE: 'database',
      DB_CONNECTION: connection,
      // Relative to build/, where the server runs.
      SQLITE_PATH: sqlite.startsWith('/') ? sqlite : `../${sqlite}`,
      DB_HOST: env.get('DB_HOST', '127.0.0.1'),
      DB_PORT: String(env.get('DB_PORT', 5432)),
      DB_USER: env.get('DB_USER', 'postgres'),
      DB_PASSWORD: env.get('DB_PASSWORD', ''),
      DB_DATABASE: env.get('DB_DATABASE', 'cohorte'),
      DRIVE_ROOT: '../tmp/bench-storage',
      MAILBOX_DIR: 'bench-mails',
      ...extra,
    }
    if (!serverEnv.DB_PASSWORD) delete serverEnv.DB_PASSWORD
    const { openSync } = await import('node:fs')
    const log = openSync(app.tmpPath('bench-server.log'), 'a')
    this.#server = spawn(process.execPath, ['bin/server.js'], {
      cwd: app.makePath('build'),
      env: serverEnv,
      detached: true,
      stdio: ['ignore', log, log],
    })
    const started = Date.now()
    while (Date.now() - started < 30_000) {
      if (this.#server.exitCode !== null) break
      try {
        const reply = await this.request('GET', '/health/live')
        if (reply.status === 200) return
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    this.stopServer()
    throw new Error(`The built server did not start: see ${app.tmpPath('bench-server.log')}`)
  }

  /** Stops the bench server's process group, if it runs. */
  private stopServer() {
    const server = this.#server
    this.#server = null
    if (!server?.pid || server.exitCode !== null) return
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {}
  }

  private async waitForExit() {
    const server = this.#server
    this.stopServer()
    if (server && server.exitCode === null) {
      await new Promise((resolve) => server.once('exit', resolve))
    }
  }

  /*
  |--------------------------------------------------------------------------
  | HTTP
  |--------------------------------------------------------------------------
  */

  /**
   * One request to the bench server; the body as received (still
   * compressed when the server compressed it) and its size on the wire.
   */
  private request(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: false },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => {
            const head = response.rawHeaders.reduce((sum, part) => sum + part.length + 2, 0)
            const payload = Buffer.concat(chunks)
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: payload,
              wire: head + payload.length,
            })
          })
          response.on('error', reject)
        }
      )
      request.on('error', reject)
      if (body) request.write(body)
      request.end()
    })
  }

  /**
   * Signs in through the login form (CSRF token from the page) and returns
   * the Cookie header of the signed-in session.
   */
  private async login(email: string) {
    const jar = new Map<string, string>()
    const keep = (reply: Reply) => {
      for (const line of reply.headers['set-cookie'] ?? []) {
        const [pair] = line.split(';')
        const at = pair.indexOf('=')
        jar.set(pair.slice(0, at), pair.slice(at + 1))
      }
    }
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

    const form = await this.request('GET', '/connexion')
    keep(form)
    const token = /name='_csrf' value='([^']+)'/.exec(form.body.toString())?.[1]
    if (!token) throw new Error('No CSRF token on the login page')
    const body = new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString()
    const reply = await this.request(
      'POST',
      '/connexion',
      {
        'Cookie': cookie(),
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(Buffer.byteLength(body)),
      },
      body
    )
    keep(reply)
    if (reply.status !== 302 || reply.headers.location === '/connexion') {
      throw new Error(`Could not sign in as ${email} (status ${reply.status})`)
    }
    return cookie()
  }

  /** A page answered 200 to this session, or an error naming it. */
  private async expectPage(path: string, cookie: string, headers: Record<string, string> = {}) {
    const reply = await this.request('GET', path, { Cookie: cookie, ...headers })
    if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}`)
    return reply
  }

  /*
  |--------------------------------------------------------------------------
  | Queries
  |--------------------------------------------------------------------------
  */

  /**
   * The SQL queries of each page for the small and the large cohort,
   * counted by the server (BENCH_QUERY_COUNT=true), one request at a time
   * after a first one (which may warm caches).
   */
  private async measureQueries(small: Side, large: Side, failures: string[]) {
    this.logger.info('Counting the SQL queries of each page (10 and 200 trainees)')
    // The page cache off: the queries a page makes, not those of a repeat view.
    await this.startServer({ BENCH_QUERY_COUNT: 'true', PAGE_CACHE: 'false' })
    const rows: BenchRow[] = []
    try {
      const counts = new Map<Side, Map<string, number>>()
      for (const side of [small, large]) {
        const perPage = new Map<string, number>()
        const sessions = new Map<Role, string>()
        for (const page of PAGES) {
          if (!sessions.has(page.role))
            sessions.set(page.role, await this.login(side.email[page.role]))
          const cookie = sessions.get(page.role)!
          await this.expectPage(page.path(side), cookie)
          const reply = await this.expectPage(page.path(side), cookie)
          const count = Number(reply.headers['x-query-count'])
          if (!Number.isFinite(count)) throw new Error('The server did not count its queries')
          perPage.set(page.label, count)
        }
        counts.set(side, perPage)
      }
      for (const page of PAGES) {
        const few = counts.get(small)!.get(page.label)!
        const many = counts.get(large)!.get(page.label)!
        rows.push(this.queryRow(page.label, few, many, failures))
      }
    } finally {
      await this.waitForExit()
    }
    return rows
  }

  private queryRow(label: string, few: number, many: number, failures: string[]): BenchRow {
    const ok = few === many
    if (!ok) failures.push(`${label}: ${few} SQL queries for 10 trainees, ${many} for 200`)
    return {
      section: 'Queries',
      measure: label,
      value: `${many} for 200 trainees`,
      floor: `${few} for 10 trainees`,
      ratio: '—',
      target: 'equal',
      ok,
    }
  }

  /**
   * The roll-call save and the attendance summary run in this process,
   * their queries counted through Lucid's `db:query` events.
   */
  private async measureActions(small: Side, large: Side, failures: string[]) {
    const { default: RecordRollCall } = await import('#actions/roll_calls/record_roll_call')
    const { default: ComputeAttendance } = await import('#actions/attendance/compute_attendance')
    const save = async (side: Side) => {
      const run = await this.counted(() =>
        new RecordRollCall().handle({
          session: side.open[0],
          user: side.trainer,
          input: { rows: {}, allPresent: true },
        })
      )
      if (!run.result.saved) throw new Error(`Roll call refused: ${run.result.message}`)
      return run.queries
    }
    const summary = async (side: Side) => {
      const run = await this.counted(() => new ComputeAttendance().forCohort(side.cohort))
      if (run.result.enrollments.length !== side.size) throw new Error('Summary lost trainees')
      return run.queries
    }
    return [
      this.queryRow('roll-call save', await save(small), await save(large), failures),
      this.queryRow(
        'attendance summary (action)',
        await summary(small),
        await summary(large),
        failures
      ),
    ]
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
    // The development query printer would flood the output.
    emitter.clearListeners('db:query')
    config.debug = true
    emitter.on('db:query', listener)
    try {
      const result = await work()
      return { result, queries }
    } finally {
      emitter.off('db:query', listener)
      config.debug = before
    }
  }

  /*
  |--------------------------------------------------------------------------
  | Pages and weight
  |--------------------------------------------------------------------------
  */

  /**
   * Each page under load, in turns with the floor (`/health/live`) on the
   * same server; then the weight of the trainee's first visit.
   *
   * Under load the same person asks for the same page again and again:
   * with the page cache (`cached`, as deployed), these are repeat views,
   * the measure with the target. Without it (PAGE_CACHE=false), every
   * request makes the page anew, as a first view does: shown for
   * information.
   */
  private async measurePages(
    sides: { roll: Side; large: Side },
    failures: string[],
    { cached }: { cached: boolean }
  ) {
    this.logger.info(
      `Loading each page for ${this.duration} s against /health/live (page cache ${cached ? 'on' : 'off'})`
    )
    await this.startServer({ PAGE_CACHE: String(cached) })
    const rows: BenchRow[] = []
    try {
      const { default: autocannonModule } = await import('autocannon' as string)
      const cannon = (path: string, headers: Record<string, string>, duration: number) =>
        autocannonModule({
          url: `http://127.0.0.1:${this.port}${path}`,
          connections: this.connections,
          duration,
          headers,
        }) as Promise<Cannon>
      // The floor and the page in turns after a warm-up of each: `this.duration`
      // seconds of each in all, in up to ROUNDS slices of at least a second.
      const inTurns = async (
        targets: { path: string; headers: Record<string, string> }[]
      ): Promise<Load[]> => {
        const rounds = Math.max(1, Math.min(ROUNDS, Math.floor(this.duration)))
        const results: Cannon[][] = targets.map(() => [])
        if (this.warmup > 0) {
          for (const { path, headers } of targets) await cannon(path, headers, this.warmup)
        }
        for (let round = 0; round < rounds; round++) {
          for (const [index, { path, headers }] of targets.entries()) {
            results[index].push(await cannon(path, headers, this.duration / rounds))
          }
        }
        return targets.map(({ path }, index) => {
          const runs = results[index]
          const sum = (pick: (run: Cannon) => number) =>
            runs.reduce((total, run) => total + pick(run), 0)
          const load: Load = {
            perSecond: sum((run) => run.requests.total) / sum((run) => run.duration),
            p99: Math.max(...runs.map((run) => run.latency.p99)),
            non2xx: sum((run) => run.non2xx),
            errors: sum((run) => run.errors),
            timeouts: sum((run) => run.timeouts),
          }
          if (!load.perSecond || load.non2xx || load.errors || load.timeouts) {
            failures.push(
              `GET ${path}: ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`
            )
          }
          return load
        })
      }
      const format = (load: Load) => `${Math.round(load.perSecond)} req/s, p99 ${load.p99} ms`

      for (const page of PAGES) {
        const side = page.label === 'roll-call page' ? sides.roll : sides.large
        const cookie = await this.login(side.email[page.role])
        const path = page.path(side)
        await this.expectPage(path, cookie)
        const [floor, result] = await inTurns([
          { path: '/health/live', headers: {} },
          { path, headers: { Cookie: cookie } },
        ])
        const ratio = result.perSecond / floor.perSecond
        const trainees = `${side.size} trainees`
        rows.push({
          section: 'Pages',
          measure: cached
            ? `${page.label} (${trainees}), repeat views`
            : `${page.label} (${trainees}), made anew (no page cache)`,
          value: format(result),
          floor: format(floor),
          ratio: `${ratio.toFixed(2)}×`,
          target: cached ? '≥ 0.40×' : '—',
          ok: cached ? ratio >= 0.4 : null,
        })
        this.logger.info(`${page.label}: ${format(result)} against ${format(floor)}`)
      }

      if (cached) rows.push(await this.measureWeight(sides.large))
    } finally {
      await this.waitForExit()
    }
    return rows
  }

  /**
   * A first visit to "Mon planning" by a browser that accepts gzip and
   * brotli: the page and every stylesheet, script, font and image it
   * references (and the stylesheets' own `url()`s), counted as received
   * (headers and bodies, compressed only if the server compressed them).
   */
  private async measureWeight(side: Side): Promise<BenchRow> {
    const cookie = await this.login(side.email.trainee)
    const headers = { 'Accept-Encoding': 'gzip, br' }
    const page = await this.expectPage('/mon-planning', cookie, headers)
    let wire = page.wire
    let raw = await this.decoded(page)
    const seen = new Set<string>()
    const queue = this.references(raw.toString(), '/mon-planning')
    let compressed = page.headers['content-encoding'] !== undefined
    while (queue.length) {
      const path = queue.shift()!
      if (seen.has(path)) continue
      seen.add(path)
      const reply = await this.request('GET', path, headers)
      if (reply.status !== 200) throw new Error(`Asset ${path} answered ${reply.status}`)
      wire += reply.wire
      compressed ||= reply.headers['content-encoding'] !== undefined
      const body = await this.decoded(reply)
      raw = Buffer.concat([raw, body])
      if (String(reply.headers['content-type']).includes('text/css')) {
        queue.push(...this.cssReferences(body.toString(), path))
      }
    }
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
    return {
      section: 'Weight',
      measure: `trainee first visit (page + ${seen.size} assets)`,
      value: `${kb(wire)} as served${compressed ? ' (compressed)' : ''}`,
      floor: `${kb(raw.length)} uncompressed`,
      ratio: '—',
      target: '≤ 50 KB',
      ok: wire <= 50 * 1024,
    }
  }

  private async decoded(reply: Reply) {
    const zlib = await import('node:zlib')
    const encoding = reply.headers['content-encoding']
    if (encoding === 'gzip') return zlib.gunzipSync(reply.body)
    if (encoding === 'br') return zlib.brotliDecompressSync(reply.body)
    return reply.body
  }

  /** Same-origin stylesheets, scripts, icons, preloads and images of a page. */
  private references(html: string, base: string) {
    const found: string[] = []
    for (const tag of html.match(/<(link|script|img|source)\b[^>]*>/gi) ?? []) {
      if (/^<link/i.test(tag) && !/rel=["']?(stylesheet|modulepreload|preload|icon)/i.test(tag)) {
        continue
      }
      const url = /\s(?:href|src)=["']([^"']+)["']/i.exec(tag)?.[1]
      if (url) found.push(url)
    }
    return found.map((url) => this.sameOrigin(url, base)).filter((url): url is string => !!url)
  }

  private cssReferences(css: string, base: string) {
    const found = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1])
    return found.map((url) => this.sameOrigin(url, base)).filter((url): url is string => !!url)
  }

  private sameOrigin(url: string, base: string) {
    if (url.startsWith('data:') || url.startsWith('#')) return null
    const resolved = new URL(url, `http://127.0.0.1:${this.port}${base}`)
    if (resolved.host !== `127.0.0.1:${this.port}`) return null
    return resolved.pathname + resolved.search
  }

  /*
  |--------------------------------------------------------------------------
  | Export and aggregates (bench/export.ts, bench/aggregates.ts)
  |--------------------------------------------------------------------------
  */

  private async measureData(failures: string[]) {
    const rows: BenchRow[] = []
    const log = (message: string) => this.logger.info(message)
    for (const [name, exported] of [
      ['#bench/export', 'measureExport'],
      ['#bench/aggregates', 'measureAggregates'],
    ] as const) {
      let module: Record<string, unknown>
      try {
        module = await import(name)
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error
        failures.push(`${name} is missing: its rows are not measured`)
        continue
      }
      const measure = module[exported] as (log: (message: string) => void) => Promise<BenchRow[]>
      try {
        rows.push(...(await measure(log)))
      } catch (error) {
        // The other figures are still worth printing.
        failures.push(`${name} failed: ${(error as Error).message.replace(/\s+/g, ' ')}`)
      }
    }
    return rows
  }
}
