import { createHash, createHmac, hash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { appKey } from '#config/app'
import Cohort from '#models/cohort'
import type Funder from '#models/funder'
import { attendedFromMinutesSql, sessionMinutesSql } from '#services/attendance_rules'
import { parisDaySql } from '#services/paris_time_sql'
import { sqlDateTime } from '#services/sql_time'
import { OUTCOME_CHECKPOINTS, type OutcomeCheckpoint } from '#enums/checkpoint'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { ContractType } from '#enums/contract_type'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import {
  CERTIFICATION_RESULT_LABELS,
  CHECKPOINT_LABELS,
  CONTRACT_TYPE_LABELS,
  EXIT_REASON_LABELS,
  SITUATION_LABELS,
} from '#actions/outcomes/outcome_labels'
import {
  definitionsForFunders,
  type Classification,
  type ObservedFacts,
  type OutcomeDefinition,
} from '#services/outcome_definitions'

/**
 * What an outcome spreadsheet covers: one funder's cohorts running during
 * the period (both days included), within one organisation or, for the
 * funder itself, across organisations.
 */
export type OutcomeScope = {
  funderId: number
  organizationId: number | null
  from: DateTime
  to: DateTime
}

const DAY_FORMAT = 'dd/mm/yyyy'

/** Cohorts read per chunk (their enrollments, hours and outcomes together). */
export const COHORT_WINDOW = 40

/** Windows read ahead of the one being written. */
const READ_AHEAD = 2

/** Above ExcelJS's cell value types (ValueType, 0 to 11), for keys by column and type. */
const CELL_TYPES = 16

const VERDICT_LABELS: Record<Classification, string> = {
  yes: 'Oui',
  no: 'Non',
  unknown: 'Inconnu',
}

const SEX_LABELS: Record<string, string> = { female: 'Femme', male: 'Homme', other: 'Autre' }

/**
 * A stable pseudonym of a trainee for one funder ("P-3F9A21C4"): the same
 * person keeps it from one export to the next, and it cannot be turned
 * back into a name without the application key.
 */
export function pseudonym(funderId: number, traineeId: number) {
  const digest = createHmac('sha256', appKey.release())
    .update(`${funderId}:${traineeId}`)
    .digest('hex')
  return `P-${digest.slice(0, 8).toUpperCase()}`
}

/**
 * `pseudonym` for many trainees of one funder: the same digest (HMAC,
 * RFC 2104) from the key's inner and outer blocks worked out once, with
 * two one-shot hashes per trainee instead of two hash objects.
 */
export function pseudonymizer(funderId: number) {
  let key: Buffer = Buffer.from(appKey.release())
  if (key.length > 64) key = createHash('sha256').update(key).digest()
  const pad = (byte: number) => {
    const block = Buffer.alloc(64, byte)
    for (let index = 0; index < key.length; index++) block[index] ^= key[index]
    return block
  }
  const inner = pad(0x36)
  // The outer block followed by the inner digest (32 bytes).
  const outer = Buffer.concat([pad(0x5c), Buffer.alloc(32)])
  return (traineeId: number) => {
    const message = Buffer.concat([inner, Buffer.from(`${funderId}:${traineeId}`)])
    hash('sha256', message, 'buffer').copy(outer, 64)
    return `P-${hash('sha256', outer, 'hex').slice(0, 8).toUpperCase()}`
  }
}

/**
 * The cohorts in the scope: funded by the funder and running at some
 * point of the period.
 */
export function scopeCohortsQuery(scope: OutcomeScope) {
  const query = Cohort.query()
    .whereHas('funders', (funders) => funders.where('funders.id', scope.funderId))
    .where('starts_on', '<=', scope.to.toISODate()!)
    .where('ends_on', '>=', scope.from.toISODate()!)
  if (scope.organizationId !== null) query.where('organization_id', scope.organizationId)
  return query
}

/**
 * How many enrollments the spreadsheet will hold, in one query.
 */
export async function countScopeEnrollments(scope: OutcomeScope): Promise<number> {
  const cohorts = await scopeCohortsQuery(scope).select('id')
  const cohortIds = cohorts.map((cohort) => cohort.id)
  if (cohortIds.length === 0) return 0
  const row = await db.from('enrollments').whereIn('cohort_id', cohortIds).count('* as total')
  return Number(row[0].total)
}

/**
 * A calendar day as Excel means it: a Date at midnight UTC (DATE columns
 * come as 'yyyy-MM-dd' strings on both databases, a Date just in case).
 */
function excelDay(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()))
  }
  const day = new Date(`${String(value).slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(day.getTime()) ? null : day
}

/**
 * The same day as a Luxon DateTime (UTC midnight), for the outcome
 * definitions; one instance per distinct day (they are immutable), as an
 * export meets the same few thousand days again and again.
 */
type DayCache = Map<number, DateTime>

function toDateTime(day: Date | null, cache: DayCache): DateTime | null {
  if (!day) return null
  const time = day.getTime()
  let value = cache.get(time)
  if (!value) {
    value = DateTime.fromMillis(time, { zone: 'utc' })
    cache.set(time, value)
  }
  return value
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/**
 * The columns of "Parcours", in order; names and birth date only for a
 * funder that receives them.
 */
export function parcoursColumns(
  receivesNames: boolean,
  definitions: OutcomeDefinition[]
): Partial<ExcelJS.Column>[] {
  const columns: Partial<ExcelJS.Column>[] = [{ header: 'Identifiant', key: 'id', width: 13 }]
  if (receivesNames) {
    columns.push(
      { header: 'Nom', key: 'lastName', width: 20 },
      { header: 'Prénom', key: 'firstName', width: 16 },
      { header: 'Date de naissance', key: 'birthDate', width: 13, style: { numFmt: DAY_FORMAT } }
    )
  }
  columns.push(
    { header: 'Sexe', key: 'sex', width: 8 },
    { header: 'Niveau de diplôme à l’entrée', key: 'level', width: 22 },
    { header: 'Demandeur·se d’emploi à l’entrée', key: 'jobSeeker', width: 14 },
    { header: 'QPV', key: 'qpv', width: 6 },
    { header: 'Bénéficiaire du RSA', key: 'rsa', width: 11 },
    { header: 'Organisme', key: 'organization', width: 22 },
    { header: 'Promotion', key: 'cohort', width: 24 },
    { header: 'Entrée le', key: 'startsOn', width: 12, style: { numFmt: DAY_FORMAT } },
    { header: 'Fin prévue le', key: 'endsOn', width: 12, style: { numFmt: DAY_FORMAT } },
    { header: 'Heures prévues', key: 'plannedHours', width: 10, style: { numFmt: '0.00' } },
    { header: 'Heures réalisées', key: 'attendedHours', width: 10, style: { numFmt: '0.00' } },
    { header: 'Sortie le', key: 'exitOn', width: 12, style: { numFmt: DAY_FORMAT } },
    { header: 'Motif de sortie', key: 'exitReason', width: 22 },
    { header: 'Certification', key: 'certification', width: 22 }
  )
  for (const checkpoint of OUTCOME_CHECKPOINTS) {
    const when = CHECKPOINT_LABELS[checkpoint]
    columns.push(
      { header: `Situation — ${when}`, key: `situation_${checkpoint}`, width: 20 },
      { header: `Contrat — ${when}`, key: `contract_${checkpoint}`, width: 16 }
    )
    for (const definition of definitions) {
      columns.push({
        header: `${definition.name} — ${when}`,
        key: `${definition.key}_${checkpoint}`,
        width: 16,
      })
    }
  }
  return columns
}

type Tally = { total: number; yes: number; unknown: number }

/**
 * The outcome spreadsheet of a funder over a period, written to `stream`
 * with ExcelJS's streaming writer (no shared strings, so memory stays
 * flat): "Parcours" (one row per enrollment), "Synthèse" (indicators with
 * counts and denominators), "Définitions" (in words). Enrollments are read
 * 500 at a time across cohorts (in cohort order) with keyset pagination;
 * hours come from the attendance computation and outcomes from their
 * latest observation, one query set per chunk, never per cohort nor per
 * enrollment. The next chunk is read while one is written, and writing
 * waits for the output stream to drain, so memory stays bounded.
 */
export default class BuildOutcomeSpreadsheet {
  async handle(input: {
    funder: Funder
    scope: OutcomeScope
    stream: Writable
    onProgress?: (processed: number) => Promise<void> | void
  }): Promise<{ rowCount: number }> {
    const { funder, scope, stream } = input
    const definitions = definitionsForFunders([funder])
    const columns = parcoursColumns(funder.receivesNames, definitions)

    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useSharedStrings: false,
      useStyles: true,
    })
    workbook.creator = 'Cohorte'
    const sheet = startSheet(workbook, 'Parcours', columns)

    // Synthèse counters: entrants, exits, and per definition × checkpoint over exits.
    const tallies = new Map<string, Tally>()
    // Each checkpoint's column keys and tallies, worked out once.
    const slots = OUTCOME_CHECKPOINTS.map((checkpoint) => ({
      checkpoint,
      situationKey: `situation_${checkpoint}`,
      contractKey: `contract_${checkpoint}`,
      definitions: definitions.map((definition) => {
        const tally: Tally = { total: 0, yes: 0, unknown: 0 }
        tallies.set(`${definition.key}:${checkpoint}`, tally)
        return { definition, columnKey: `${definition.key}_${checkpoint}`, tally }
      }),
    }))
    let entrants = 0
    let exits = 0
    let rowCount = 0
    // ExcelJS gives each new cell a style object of its own, a copy of its
    // column's, and works out the style id of each such object (the costliest
    // part of writing a cell), while it remembers the id of an object it has
    // seen. So the cells of a column holding values of one type (the id
    // depends on both) share the first one's object: the same ids, at once.
    // Every column gets a value or null in `line`, so no cell is added.
    const cellStyles: Partial<ExcelJS.Style>[] = []

    // The scope's cohorts and their organisations' names, as plain rows.
    const cohorts = await db
      .from('cohorts as c')
      .join('organizations as o', 'o.id', 'c.organization_id')
      .whereIn('c.id', scopeCohortsQuery(scope).select('cohorts.id'))
      .orderBy('c.id')
      .select('c.id', 'c.name', 'o.name as organization')
    const cohortById = new Map(
      cohorts.map((cohort) => [
        Number(cohort.id),
        { name: String(cohort.name), organization: String(cohort.organization) },
      ])
    )
    const cohortIds = cohorts.map((cohort) => Number(cohort.id))
    const pseudonymOf = pseudonymizer(funder.id)
    const dayCache: DayCache = new Map()
    const now = DateTime.now()

    /**
     * The enrollments of a window of cohorts (in cohort order), with their
     * hours and latest outcomes: a few set-based queries whatever its size,
     * on one connection (`windowReads`).
     */
    const fetchChunk = async (index: number) => {
      const window = cohortIds.slice(index, index + COHORT_WINDOW)
      if (window.length === 0) return null
      return windowReads(async (client) => {
        const rows = await client
          .from('enrollments')
          .join('trainees', 'trainees.id', 'enrollments.trainee_id')
          .whereIn('enrollments.cohort_id', window)
          .orderBy('enrollments.cohort_id')
          .orderBy('enrollments.id')
          .select(
            'enrollments.id',
            'enrollments.cohort_id',
            'enrollments.trainee_id',
            'enrollments.starts_on',
            'enrollments.ends_on',
            'enrollments.exit_on',
            'enrollments.exit_reason',
            'enrollments.certification_result',
            'trainees.first_name',
            'trainees.last_name',
            'trainees.birth_date',
            'trainees.sex',
            'trainees.qualification_level',
            'trainees.job_seeker',
            'trainees.qpv',
            'trainees.rsa'
          )
        const minutes = await cohortHours(window, now, client)
        const latest = await latestOutcomes(
          rows.map((row) => Number(row.id)),
          dayCache,
          client
        )
        return { rows, minutes, latest, next: index + window.length }
      })
    }

    // The next chunk is read while this one is written.
    // The next windows are read while this one is written (the database
    // works on its own core meanwhile).
    const ahead: ReturnType<typeof fetchChunk>[] = []
    let nextIndex = 0
    const readAhead = () => {
      while (ahead.length < READ_AHEAD && nextIndex < cohortIds.length) {
        const pending = fetchChunk(nextIndex)
        pending.catch(() => {})
        ahead.push(pending)
        nextIndex += COHORT_WINDOW
      }
    }
    while (true) {
      readAhead()
      const pending = ahead.shift()
      const chunk = pending ? await pending : null
      if (!chunk) break
      readAhead()
      const { rows, minutes, latest } = chunk

      for (const row of rows) {
        const id = Number(row.id)
        const cohort = cohortById.get(Number(row.cohort_id))!
        const exitDay = excelDay(row.exit_on)
        // A DateTime only when a definition may need it.
        let exitOn: DateTime | null | undefined
        const figure = minutes.get(id)
        const line: Record<string, unknown> = {
          id: pseudonymOf(Number(row.trainee_id)),
          sex: row.sex ? (SEX_LABELS[row.sex] ?? row.sex) : null,
          level:
            row.qualification_level === null
              ? null
              : (QUALIFICATION_LEVEL_LABELS[Number(row.qualification_level)] ?? null),
          jobSeeker: yesNo(row.job_seeker),
          qpv: yesNo(row.qpv),
          rsa: yesNo(row.rsa),
          organization: cohort.organization,
          cohort: cohort.name,
          startsOn: excelDay(row.starts_on),
          endsOn: excelDay(row.ends_on),
          plannedHours: figure ? hours(figure.plannedMinutes) : 0,
          attendedHours: figure ? hours(figure.attendedMinutes) : 0,
          exitOn: exitDay,
          exitReason: row.exit_reason
            ? (EXIT_REASON_LABELS[row.exit_reason as keyof typeof EXIT_REASON_LABELS] ??
              row.exit_reason)
            : null,
          certification: row.certification_result
            ? (CERTIFICATION_RESULT_LABELS[
                row.certification_result as keyof typeof CERTIFICATION_RESULT_LABELS
              ] ?? row.certification_result)
            : null,
        }
        if (funder.receivesNames) {
          line.lastName = row.last_name
          line.firstName = row.first_name
          line.birthDate = excelDay(row.birth_date)
        }
        entrants++
        if (exitDay) exits++
        for (const slot of slots) {
          const facts = latest.get(`${id}:${slot.checkpoint}`)
          line[slot.situationKey] = facts ? SITUATION_LABELS[facts.situation] : null
          line[slot.contractKey] = facts?.contractType
            ? CONTRACT_TYPE_LABELS[facts.contractType]
            : null
          for (const { definition, columnKey, tally } of slot.definitions) {
            let verdict: Classification = 'unknown'
            if (facts) {
              if (exitOn === undefined) {
                exitOn = toDateTime(exitDay, dayCache)
              }
              verdict = definition.classify(facts, { exitOn })
            }
            line[columnKey] = facts ? VERDICT_LABELS[verdict] : null
            if (exitDay) {
              tally.total++
              if (verdict === 'yes') tally.yes++
              if (verdict === 'unknown') tally.unknown++
            }
          }
        }
        const added = sheet.addRow(line)
        added.eachCell({ includeEmpty: true }, (cell, column) => {
          const key = column * CELL_TYPES + cell.effectiveType
          const style = cellStyles[key]
          if (style) cell.style = style
          else cellStyles[key] = cell.style
        })
        added.commit()
        rowCount++
      }
      await input.onProgress?.(rowCount)
      // Bounded memory: wait for the file to take what was written.
      if (stream.writableNeedDrain) await once(stream, 'drain')
    }
    sheet.commit()

    writeSynthesis(workbook, { scope, funder, definitions, tallies, entrants, exits })
    writeDefinitions(workbook, funder, definitions)
    await workbook.commit()
    return { rowCount }
  }
}

function yesNo(value: unknown) {
  return value === true || value === 1 || value === '1' ? 'Oui' : 'Non'
}

/**
 * A sheet with a bold, frozen and filterable title row.
 */
function startSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Partial<ExcelJS.Column>[]
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { vertical: 'middle', wrapText: true }
  header.commit()
  return sheet
}

/**
 * Runs a window's reads on one connection: on PostgreSQL, in a transaction
 * without parallel workers. Each read is small and index-driven, but for
 * some of them the planner prefers a sequential scan of the whole table
 * split over workers, several times the CPU of the index, taken from the
 * cores that write the file.
 */
async function windowReads<T>(work: (client: QueryClientContract) => Promise<T>): Promise<T> {
  const client = db.connection()
  if (client.dialect.name !== 'postgres') return work(client)
  return client.transaction(async (trx) => {
    await trx.rawQuery('set local max_parallel_workers_per_gather = 0')
    return work(trx)
  })
}

/**
 * The latest observation of each enrollment at each checkpoint (newest
 * observed day, then newest row), for the given enrollments (a window's:
 * their ids let the database read them through the enrollment index).
 */
async function latestOutcomes(
  enrollmentIds: number[],
  dayCache: DayCache,
  client: QueryClientContract
) {
  const rows =
    enrollmentIds.length === 0
      ? []
      : await client
          .from('outcomes')
          .whereIn('enrollment_id', enrollmentIds)
          .orderBy('observed_on', 'asc')
          .orderBy('id', 'asc')
          .select(
            'enrollment_id',
            'checkpoint',
            'situation',
            'contract_type',
            'contract_months',
            'contract_start_on'
          )
  const latest = new Map<string, ObservedFacts>()
  for (const row of rows) {
    latest.set(`${row.enrollment_id}:${row.checkpoint}`, {
      situation: row.situation as OutcomeSituation,
      contractType: (row.contract_type ?? null) as ContractType | null,
      contractMonths: row.contract_months === null ? null : Number(row.contract_months),
      contractStartOn: toDateTime(excelDay(row.contract_start_on), dayCache),
    })
  }
  return latest
}

/**
 * Planned and attended minutes of every enrollment of a window of cohorts:
 * the same figures as `ComputeAttendance` (#actions/attendance/
 * compute_attendance, the cohort's past sessions that are not cancelled,
 * from the cohort's start and within the enrollment's dates; the shared
 * attendance rule). An enrollment whose cohort has no such session gets
 * no figure.
 *
 * Planned minutes need no attendance record: the window's sessions come
 * summed per day (a few thousand rows) and each enrollment adds up the
 * days within its dates here, rather than the database joining every
 * enrollment with every session of its cohort and sorting the pairs.
 * Attended minutes are summed by the database from the window's sessions
 * (computed once) and their records, read through the covering (session,
 * enrollment) index session by session, per enrollment and cohort with
 * the first and last days of the records, without joining the
 * enrollments: an enrollment whose records all fall within its dates
 * takes that sum, the rare other one is summed record by record.
 */
export async function cohortHours(
  cohortIds: number[],
  now: DateTime,
  client: QueryClientContract = db.connection()
) {
  const day = parisDaySql('cs.starts_at')
  // The window's past sessions that are not cancelled, from the cohort's start.
  const pastSessions = () =>
    client
      .from('class_sessions as cs')
      .join('cohorts as c', 'c.id', 'cs.cohort_id')
      .whereIn('cs.cohort_id', cohortIds)
      .whereRaw('cs.is_cancelled = false')
      .where('cs.ends_at', '<=', sqlDateTime(now))
      .whereRaw(`${day} >= c.starts_on`)
  // One query after the other: the caller may give a transaction (one connection).
  const days = await pastSessions()
    .groupBy('cs.cohort_id', 'cs.organization_id')
    .groupByRaw(day)
    .select(
      'cs.cohort_id',
      'cs.organization_id',
      db.raw(`${day} as day`),
      db.raw(`sum(${sessionMinutesSql('cs')}) as minutes`)
    )
  const enrollments = await client
    .from('enrollments')
    .whereIn('cohort_id', cohortIds)
    .select('id', 'cohort_id', 'organization_id', 'starts_on', 'ends_on', 'exit_on')
  // Attended minutes per enrollment and cohort, with the first and last
  // days of the records: no join with the enrollments.
  const sessions = () =>
    pastSessions().select(
      'cs.id',
      'cs.cohort_id',
      'cs.organization_id',
      db.raw(`${sessionMinutesSql('cs')} as minutes`),
      db.raw(`${day} as day`)
    )
  // The window's attendance records, each with its session.
  const records = () =>
    client
      .query()
      .withMaterialized('s', sessions())
      .from('s')
      .join('attendance_records as ar', 'ar.class_session_id', 's.id')
  const attended = await records()
    .groupBy('ar.enrollment_id', 's.cohort_id', 's.organization_id')
    .select(
      'ar.enrollment_id',
      's.cohort_id',
      's.organization_id',
      db.raw('min(s.day) as first_day'),
      db.raw('max(s.day) as last_day'),
      db.raw(`sum(${attendedFromMinutesSql('s.minutes', 'ar')}) as minutes`)
    )

  // Each cohort's (and organisation's) days, as the database compares them.
  const daysOf = new Map<string, { day: string; minutes: number }[]>()
  for (const row of days) {
    const key = `${row.cohort_id}:${row.organization_id}`
    let list = daysOf.get(key)
    if (!list) daysOf.set(key, (list = []))
    list.push({ day: String(row.day), minutes: Number(row.minutes ?? 0) })
  }
  type Figure = { plannedMinutes: number; attendedMinutes: number }
  const result = new Map<number, Figure>()
  const datesOf = new Map<number, ReturnType<typeof enrollmentDates>>()
  for (const enrollment of enrollments) {
    const list = daysOf.get(`${enrollment.cohort_id}:${enrollment.organization_id}`)
    if (!list) continue
    const dates = enrollmentDates(enrollment)
    let plannedMinutes = 0
    for (const { day: sessionDay, minutes } of list) {
      if (dates.within(sessionDay)) plannedMinutes += minutes
    }
    result.set(dates.id, { plannedMinutes, attendedMinutes: 0 })
    datesOf.set(dates.id, dates)
  }
  // An enrollment's records within its dates from first to last day count
  // whole; the rare enrollment with records outside them is summed record
  // by record by the database.
  const partly: number[] = []
  for (const row of attended) {
    const id = Number(row.enrollment_id)
    const dates = datesOf.get(id)
    const figure = result.get(id)
    if (!dates || !figure || !dates.sameCohort(row)) continue
    if (dates.within(String(row.first_day)) && dates.within(String(row.last_day))) {
      figure.attendedMinutes = Number(row.minutes ?? 0)
    } else {
      partly.push(id)
    }
  }
  if (partly.length > 0) {
    const within = `s.cohort_id = e.cohort_id and s.organization_id = e.organization_id
      and s.day >= e.starts_on
      and (e.ends_on is null or s.day <= e.ends_on)
      and (e.exit_on is null or s.day <= e.exit_on)`
    const exact = await records()
      .join('enrollments as e', 'e.id', 'ar.enrollment_id')
      .whereIn('e.id', partly)
      .groupBy('e.id')
      .select(
        'e.id',
        db.raw(
          `sum(case when ${within} then ${attendedFromMinutesSql('s.minutes', 'ar')} else 0 end) as minutes`
        )
      )
    for (const row of exact) result.get(Number(row.id))!.attendedMinutes = Number(row.minutes ?? 0)
  }
  return result
}

/**
 * An enrollment's cohort and dates, compared as the database compares them
 * (DATE columns come as 'yyyy-MM-dd' strings): a day is within them from
 * its start to its end and its exit, when it has them.
 */
function enrollmentDates(enrollment: Record<string, any>) {
  const cohortId = Number(enrollment.cohort_id)
  const organizationId = Number(enrollment.organization_id)
  const startsOn = String(enrollment.starts_on)
  const endsOn = enrollment.ends_on === null ? null : String(enrollment.ends_on)
  const exitOn = enrollment.exit_on === null ? null : String(enrollment.exit_on)
  return {
    id: Number(enrollment.id),
    sameCohort: (row: Record<string, any>) =>
      Number(row.cohort_id) === cohortId && Number(row.organization_id) === organizationId,
    within: (day: string) =>
      day >= startsOn && (endsOn === null || day <= endsOn) && (exitOn === null || day <= exitOn),
  }
}

function writeSynthesis(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: {
    scope: OutcomeScope
    funder: Funder
    definitions: OutcomeDefinition[]
    tallies: Map<string, Tally>
    entrants: number
    exits: number
  }
) {
  const sheet = startSheet(workbook, 'Synthèse', [
    { header: 'Indicateur', key: 'indicator', width: 36 },
    { header: 'Échéance', key: 'checkpoint', width: 16 },
    { header: 'Dénominateur', key: 'denominator', width: 30 },
    { header: 'Nombre', key: 'numerator', width: 10 },
    { header: 'Sur', key: 'total', width: 10 },
    { header: 'Situations inconnues', key: 'unknown', width: 12 },
    { header: 'Taux', key: 'rate', width: 10, style: { numFmt: '0%' } },
  ])
  sheet
    .addRow({
      indicator: 'Entrés en formation',
      denominator: 'Parcours de la période',
      numerator: data.entrants,
      total: data.entrants,
    })
    .commit()
  sheet
    .addRow({
      indicator: 'Sortis (avec une date de sortie)',
      denominator: 'Entrés en formation',
      numerator: data.exits,
      total: data.entrants,
      rate: data.entrants ? data.exits / data.entrants : null,
    })
    .commit()
  for (const definition of data.definitions) {
    for (const checkpoint of OUTCOME_CHECKPOINTS) {
      const tally = data.tallies.get(`${definition.key}:${checkpoint}`) ?? {
        total: 0,
        yes: 0,
        unknown: 0,
      }
      sheet
        .addRow({
          indicator: definition.shortName,
          checkpoint: CHECKPOINT_LABELS[checkpoint as OutcomeCheckpoint],
          denominator: 'Sortis (avec une date de sortie)',
          numerator: tally.yes,
          total: tally.total,
          unknown: tally.unknown,
          rate: tally.total ? tally.yes / tally.total : null,
        })
        .commit()
    }
  }
  sheet.commit()
}

function writeDefinitions(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  funder: Funder,
  definitions: OutcomeDefinition[]
) {
  const sheet = startSheet(workbook, 'Définitions', [
    { header: 'Terme', key: 'term', width: 36 },
    { header: 'Définition', key: 'text', width: 100, style: { alignment: { wrapText: true } } },
  ])
  const lines: [string, string][] = [
    [
      'Identifiant',
      funder.receivesNames
        ? 'Pseudonyme stable de la personne pour ce financeur ; les noms figurent aussi car ce financeur les reçoit.'
        : 'Pseudonyme stable de la personne pour ce financeur : le même d’un export à l’autre, sans nom ni date de naissance.',
    ],
    ['Heures prévues', 'Durée des séances passées et non annulées du parcours, en heures.'],
    ['Heures réalisées', 'Heures de présence retenues (retards et départs anticipés déduits).'],
    [
      'Situation',
      'La dernière situation observée à chaque échéance : à la sortie, puis 3, 6 et 12 mois après.',
    ],
    [
      'Oui / Non / Inconnu',
      'Catégorie du financeur pour la situation observée ; « Inconnu » quand la situation ou un fait nécessaire manque.',
    ],
    [
      'Sortis (avec une date de sortie)',
      'Dénominateur des indicateurs : les personnes ayant une date de sortie. Les situations inconnues restent au dénominateur.',
    ],
  ]
  for (const definition of definitions) lines.push([definition.name, definition.rule])
  for (const [term, text] of lines) sheet.addRow({ term, text }).commit()
  sheet.commit()
}

/**
 * "resultats-france-travail-2025-01-01-2025-06-30.xlsx".
 */
export function outcomeSpreadsheetFilename(funder: Funder, from: DateTime, to: DateTime) {
  const slug = funder.slug.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()
  return `resultats-${slug}-${from.toISODate()}-${to.toISODate()}.xlsx`
}
