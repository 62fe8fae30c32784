import { execFile } from 'node:child_process'
import { createWriteStream, existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Funder from '#models/funder'
import BuildOutcomeSpreadsheet, {
  cohortHours,
  COHORT_WINDOW,
  parcoursColumns,
  pseudonym,
  scopeCohortsQuery,
  type OutcomeScope,
} from '#exports/outcome_spreadsheet'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import type { ContractType } from '#enums/contract_type'
import type { OutcomeSituation } from '#enums/outcome_situation'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import {
  CERTIFICATION_RESULT_LABELS,
  CONTRACT_TYPE_LABELS,
  EXIT_REASON_LABELS,
  SITUATION_LABELS,
} from '#actions/outcomes/outcome_labels'
import { definitionsForFunders } from '#services/outcome_definitions'
import type { BenchRow } from '#bench/report'
import { findBenchSubjects } from '#bench/subjects'

/*
|--------------------------------------------------------------------------
| Export: the funder outcome spreadsheet against ExcelJS alone
|--------------------------------------------------------------------------
|
| The funder whose spreadsheet covers every enrollment of the national
| dataset, over the whole period, written twice, each in its own process
| (`node ace bench:export --mode app|floor`) so each peak RSS is its own:
|
| - app: BuildOutcomeSpreadsheet, reading the database as it goes;
| - floor: ExcelJS's streaming writer (no shared strings, the same
|   columns and styles) writing rows of the same shape already in memory,
|   read before the clock starts.
|
| Exports run in workers, so the app's export runs with the Node flags of
| package.json's `worker` script (`npm run worker`, its heap cap); it runs
| once more with Node's default heap, shown for information.
|
| Targets: time ≤ 1.3× the floor, the app's peak RSS ≤ 250 MB.
|
*/

export const EXPORT_TIME_TARGET = 1.3
export const EXPORT_RSS_TARGET_MB = 250

export type ExportMode = 'app' | 'floor'
export type ExportRun = { mode: ExportMode; ms: number; maxRssMb: number; rows: number }

/** The line the child prints, before its JSON. */
export const EXPORT_RESULT_MARK = 'BENCH_EXPORT_RESULT '

async function exportScope() {
  const subjects = await findBenchSubjects()
  const funder = await Funder.findOrFail(subjects.exportFunderId)
  const scope: OutcomeScope = {
    funderId: funder.id,
    organizationId: null,
    from: subjects.exportFrom,
    to: subjects.exportTo,
  }
  return { funder, scope }
}

function maxRssMb() {
  // resourceUsage().maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/**
 * In the child process: the app's own export, timed from the first query
 * to the file's last byte.
 */
export async function runAppExport(out: string): Promise<ExportRun> {
  const { funder, scope } = await exportScope()
  const started = performance.now()
  const stream = createWriteStream(out)
  const { rowCount } = await new BuildOutcomeSpreadsheet().handle({ funder, scope, stream })
  stream.end()
  await finished(stream)
  return { mode: 'app', ms: performance.now() - started, maxRssMb: maxRssMb(), rows: rowCount }
}

const day = (value: unknown) => {
  if (value === null || value === undefined) return null
  const iso = value instanceof Date ? value.toISOString() : String(value)
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`)
}
const yesNo = (value: unknown) => (value === true ? 'Oui' : 'Non')
const SEX_LABELS: Record<string, string> = { female: 'Femme', male: 'Homme', other: 'Autre' }
const VERDICT_LABELS = { yes: 'Oui', no: 'Non', unknown: 'Inconnu' } as const

/**
 * The rows of the spreadsheet, as plain objects, read in a few set-based
 * queries (not timed: the floor starts with them in memory).
 */
export async function loadFloorRows(funder: Funder, scope: OutcomeScope) {
  const cohorts = await scopeCohortsQuery(scope).select('id')
  const cohortIds = cohorts.map((cohort) => cohort.id)
  const definitions = definitionsForFunders([funder])
  const enrollments = await db
    .from('enrollments as e')
    .join('trainees as t', 't.id', 'e.trainee_id')
    .join('cohorts as c', 'c.id', 'e.cohort_id')
    .join('organizations as o', 'o.id', 'c.organization_id')
    .whereIn('e.cohort_id', cohortIds)
    .orderBy('c.id')
    .orderBy('e.id')
    .select(
      'e.id',
      'e.trainee_id',
      'e.starts_on',
      'e.ends_on',
      'e.exit_on',
      'e.exit_reason',
      'e.certification_result',
      't.first_name',
      't.last_name',
      't.birth_date',
      't.sex',
      't.qualification_level',
      't.job_seeker',
      't.qpv',
      't.rsa',
      'c.name as cohort',
      'o.name as organization'
    )
  // Hours by the app's rule (the schedule's past sessions, not cancelled,
  // within the enrollment's dates), window by window.
  const hoursById = new Map<number, { planned: number; attended: number }>()
  const now = DateTime.now()
  for (let index = 0; index < cohortIds.length; index += COHORT_WINDOW) {
    const figures = await cohortHours(cohortIds.slice(index, index + COHORT_WINDOW), now)
    for (const [id, figure] of figures) {
      hoursById.set(id, { planned: figure.plannedMinutes, attended: figure.attendedMinutes })
    }
  }
  const outcomes = await db.rawQuery(
    `select distinct on (enrollment_id, checkpoint) enrollment_id, checkpoint, situation, contract_type,
       contract_months, contract_start_on
     from outcomes order by enrollment_id, checkpoint, observed_on desc, id desc`
  )
  const latest = new Map<string, Record<string, unknown>>(
    outcomes.rows.map((row: Record<string, unknown>) => [
      `${row.enrollment_id}:${row.checkpoint}`,
      row,
    ])
  )
  return enrollments.map((row) => {
    const id = Number(row.id)
    const exitOn = day(row.exit_on)
    const figure = hoursById.get(id)
    const line: Record<string, unknown> = {
      id: pseudonym(funder.id, Number(row.trainee_id)),
      sex: row.sex ? (SEX_LABELS[row.sex] ?? row.sex) : null,
      level:
        row.qualification_level === null
          ? null
          : (QUALIFICATION_LEVEL_LABELS[Number(row.qualification_level)] ?? null),
      jobSeeker: yesNo(row.job_seeker),
      qpv: yesNo(row.qpv),
      rsa: yesNo(row.rsa),
      organization: row.organization,
      cohort: row.cohort,
      startsOn: day(row.starts_on),
      endsOn: day(row.ends_on),
      plannedHours: figure ? Math.round((figure.planned / 60) * 100) / 100 : 0,
      attendedHours: figure ? Math.round((figure.attended / 60) * 100) / 100 : 0,
      exitOn,
      exitReason: row.exit_reason
        ? EXIT_REASON_LABELS[row.exit_reason as keyof typeof EXIT_REASON_LABELS]
        : null,
      certification: row.certification_result
        ? CERTIFICATION_RESULT_LABELS[
            row.certification_result as keyof typeof CERTIFICATION_RESULT_LABELS
          ]
        : null,
    }
    if (funder.receivesNames) {
      line.lastName = row.last_name
      line.firstName = row.first_name
      line.birthDate = day(row.birth_date)
    }
    const exitDay = exitOn ? DateTime.fromJSDate(exitOn, { zone: 'utc' }) : null
    for (const checkpoint of OUTCOME_CHECKPOINTS) {
      const facts = latest.get(`${id}:${checkpoint}`)
      line[`situation_${checkpoint}`] = facts
        ? SITUATION_LABELS[facts.situation as OutcomeSituation]
        : null
      line[`contract_${checkpoint}`] = facts?.contract_type
        ? CONTRACT_TYPE_LABELS[facts.contract_type as ContractType]
        : null
      for (const definition of definitions) {
        line[`${definition.key}_${checkpoint}`] = facts
          ? VERDICT_LABELS[
              definition.classify(
                {
                  situation: facts.situation as OutcomeSituation,
                  contractType: (facts.contract_type ?? null) as ContractType | null,
                  contractMonths:
                    facts.contract_months === null ? null : Number(facts.contract_months),
                  contractStartOn: facts.contract_start_on
                    ? DateTime.fromJSDate(day(facts.contract_start_on)!, { zone: 'utc' })
                    : null,
                },
                { exitOn: exitDay }
              )
            ]
          : null
      }
    }
    return line
  })
}

/**
 * In the child process: ExcelJS's streaming writer alone, writing the
 * rows already in memory with the spreadsheet's columns (the floor).
 */
export async function runFloorExport(out: string): Promise<ExportRun> {
  const { funder, scope } = await exportScope()
  const rows = await loadFloorRows(funder, scope)
  const columns = parcoursColumns(funder.receivesNames, definitionsForFunders([funder]))
  const started = performance.now()
  const stream = createWriteStream(out)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  })
  const sheet = workbook.addWorksheet('Parcours', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns
  for (const line of rows) sheet.addRow(line).commit()
  sheet.commit()
  await workbook.commit()
  await finished(stream)
  return { mode: 'floor', ms: performance.now() - started, maxRssMb: maxRssMb(), rows: rows.length }
}

const run = promisify(execFile)

/**
 * The Node flags a worker runs with: those of package.json's `worker`
 * script, `node <flags> ace.js jobs:work`.
 */
export function workerNodeFlags(scripts: Record<string, string | undefined>): string[] {
  const match = /^node((?:\s+--\S+)*)\s+ace(?:\.js)?\s+jobs:work(?:\s|$)/.exec(scripts.worker ?? '')
  if (!match) {
    throw new Error(
      'package.json has no "worker" script of the form "node <flags> ace.js jobs:work"'
    )
  }
  return match[1].split(/\s+/).filter(Boolean)
}

/**
 * Runs one mode in a child process (node with `nodeFlags`) with the same
 * environment and reads its result line: from the production build when
 * there is one (as the pages are measured; ts-node alone weighs ~150 MB of
 * RSS), else from the sources.
 */
async function runChild(
  mode: ExportMode,
  nodeFlags: string[] = []
): Promise<ExportRun & { build: boolean }> {
  const build = existsSync(app.makePath('build/commands/bench_export.js'))
  const out = app.tmpPath(`bench-export-${mode}.xlsx`)
  const { stdout } = await run(
    process.execPath,
    [...nodeFlags, 'ace.js', 'bench:export', '--mode', mode, '--out', out],
    {
      env: build ? { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' } : process.env,
      cwd: build ? app.makePath('build') : app.makePath(),
      maxBuffer: 16 * 1024 * 1024,
    }
  )
  const line = stdout.split('\n').find((candidate) => candidate.includes(EXPORT_RESULT_MARK))
  if (!line) throw new Error(`bench:export --mode ${mode} printed no result:\n${stdout}`)
  const result = JSON.parse(
    line.slice(line.indexOf(EXPORT_RESULT_MARK) + EXPORT_RESULT_MARK.length)
  )
  return { ...result, build }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export async function measureExport(log: (message: string) => void): Promise<BenchRow[]> {
  const packageJson = JSON.parse(await readFile(app.makePath('package.json'), 'utf8'))
  const flags = workerNodeFlags(packageJson.scripts ?? {})
  const floor = await runChild('floor')
  log(`Export floor: ${floor.rows} rows in ${seconds(floor.ms)}, peak RSS ${floor.maxRssMb} MB`)
  const own = await runChild('app', flags)
  const source = own.build ? 'production build' : 'sources, ts-node'
  log(
    `Export app (${flags.join(' ') || 'no flags'}): ${own.rows} rows in ${seconds(own.ms)}, peak RSS ${own.maxRssMb} MB (${source})`
  )
  const unbounded = await runChild('app')
  log(
    `Export app (Node's default heap): ${unbounded.rows} rows in ${seconds(unbounded.ms)}, peak RSS ${unbounded.maxRssMb} MB`
  )
  for (const other of [own, unbounded]) {
    if (other.rows !== floor.rows) {
      throw new Error(`Export: the app wrote ${other.rows} rows, the floor ${floor.rows}`)
    }
  }
  const ratio = own.ms / floor.ms
  const rows = own.rows.toLocaleString('en-US')
  const asWorker = flags.length > 0 ? ` (worker: ${flags.join(' ')})` : ''
  return [
    {
      section: 'Export',
      measure: `outcome spreadsheet, ${rows} enrollments: time${asWorker}`,
      value: seconds(own.ms),
      floor: `${seconds(floor.ms)} (ExcelJS alone)`,
      ratio: `${ratio.toFixed(2)}×`,
      target: `≤ ${EXPORT_TIME_TARGET.toFixed(2)}×`,
      ok: ratio <= EXPORT_TIME_TARGET,
    },
    {
      section: 'Export',
      measure: `outcome spreadsheet, ${rows} enrollments: peak RSS${asWorker}`,
      value: `${own.maxRssMb} MB`,
      floor: `${floor.maxRssMb} MB (ExcelJS alone)`,
      ratio: `${(own.maxRssMb / floor.maxRssMb).toFixed(2)}×`,
      target: `≤ ${EXPORT_RSS_TARGET_MB} MB`,
      ok: own.maxRssMb <= EXPORT_RSS_TARGET_MB,
    },
    {
      section: 'Export',
      measure: `the same, Node's default heap: time ${seconds(unbounded.ms)}, peak RSS`,
      value: `${unbounded.maxRssMb} MB`,
      floor: `${floor.maxRssMb} MB (ExcelJS alone)`,
      ratio: `${(unbounded.maxRssMb / floor.maxRssMb).toFixed(2)}×`,
      target: '—',
      ok: null,
    },
  ]
}
