import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import Application from '#models/application'
import { nowInParis, sqlDate } from '#services/sql_time'
import {
  checkImportChoices,
  type ImportChoices,
  type ImportProblems,
} from '#actions/applications/import/import_fields'
import type { ImportSheet } from '#actions/applications/import/read_import_file'
import {
  identityKeys,
  parseImportRows,
  type ParsedImportRow,
} from '#actions/applications/import/parse_import_rows'

/**
 * What becomes of a row:
 * - `new`: a new person, created with their application;
 * - `attach`: a person the organisation already knows, who has not
 *   applied to this cohort: the application is attached to them;
 * - `present`: the person already applied to this cohort: the row is
 *   skipped (so importing the same file twice creates nothing);
 * - `error`: the row cannot be imported as it is.
 */
export type ImportRowOutcome = 'new' | 'attach' | 'present' | 'error'

export type ImportPreviewRow = ParsedImportRow & {
  outcome: ImportRowOutcome
  /** The trainee the row is recognised as (attach, present). */
  known: Trainee | null
  /** The sentence the preview shows for the row when it has no error. */
  note: string
}

export type ImportPreview = {
  /** Problems with the choices, by field; when any, rows are not read. */
  problems: ImportProblems
  rows: ImportPreviewRow[]
  counts: { toImport: number; created: number; attached: number; present: number; errors: number }
}

/** Keys per query, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500

function chunks<T>(items: T[]) {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += CHUNK) {
    result.push(items.slice(start, start + CHUNK))
  }
  return result
}

function nameOf(trainee: Trainee) {
  const born = trainee.birthDate ? ` (naissance : ${trainee.birthDate.toFormat('dd/LL/yyyy')})` : ''
  return `${trainee.firstName} ${trainee.lastName.toUpperCase()}${born}`
}

/**
 * The preview of an import into a cohort: every row read through the
 * mapping, then compared with the people the cohort's organisation
 * already knows (same e-mail, same France Travail identifier, or same
 * names with the same birth date or phone) and with the cohort's
 * applications. Reads only: a bounded number of queries whatever the
 * number of rows. Runs inside the import's transaction when given one.
 */
export default class PreviewImport {
  async handle({
    cohort,
    sheet,
    choices,
    client = db.connection(),
  }: {
    cohort: Cohort
    sheet: ImportSheet
    choices: ImportChoices
    client?: QueryClientContract
  }): Promise<ImportPreview> {
    const counts = { toImport: 0, created: 0, attached: 0, present: 0, errors: 0 }
    const problems = checkImportChoices(choices, sheet.headers)
    if (Object.keys(problems).length) return { problems, rows: [], counts }

    const parsed = parseImportRows(sheet, choices.mapping, { today: nowInParis() })
    const known = await this.knownPeople(client, cohort.organizationId, parsed)
    const applied = await this.appliedTrainees(client, cohort.id, [...known.byId.keys()])

    const attachedBy = new Map<number, number>()
    const rows = parsed.map((row): ImportPreviewRow => {
      const matches = this.matches(row, known.byKey)
      if (row.errors.length)
        return { ...row, outcome: 'error', known: matches[0] ?? null, note: '' }

      const alreadyApplied = matches.find((trainee) => applied.has(trainee.id))
      if (alreadyApplied) {
        return {
          ...row,
          outcome: 'present',
          known: alreadyApplied,
          note: 'déjà candidate à cette promotion : ignorée',
        }
      }
      const [trainee] = matches
      if (!trainee) return { ...row, outcome: 'new', known: null, note: 'nouvelle personne' }

      const sameAs = attachedBy.get(trainee.id)
      if (sameAs !== undefined) {
        const error = `même personne que la ligne ${sameAs} (${nameOf(trainee)})`
        return { ...row, errors: [error], outcome: 'error', known: trainee, note: '' }
      }
      attachedBy.set(trainee.id, row.line)
      return {
        ...row,
        outcome: 'attach',
        known: trainee,
        note: `personne déjà connue : la candidature sera rattachée à ${nameOf(trainee)}`,
      }
    })

    for (const row of rows) {
      if (row.outcome === 'new') counts.created++
      if (row.outcome === 'attach') counts.attached++
      if (row.outcome === 'present') counts.present++
      if (row.outcome === 'error') counts.errors++
    }
    counts.toImport = counts.created + counts.attached
    return { problems, rows, counts }
  }

  /**
   * The trainees a row is recognised as, the strongest reason first
   * (e-mail, France Travail identifier, names and birth date, names and
   * phone), then the oldest record.
   */
  private matches(row: ParsedImportRow, byKey: Map<string, Trainee[]>) {
    const found: Trainee[] = []
    for (const key of row.keys) {
      const trainees = (byKey.get(key) ?? []).toSorted((a, b) => a.id - b.id)
      for (const trainee of trainees) if (!found.includes(trainee)) found.push(trainee)
    }
    return found
  }

  /**
   * The organisation's trainees who share an e-mail, a France Travail
   * identifier, a birth date or a phone with a row, indexed by the same
   * keys as the rows (names compared once folded, in JavaScript, so
   * SQLite and PostgreSQL agree on accents and case).
   */
  private async knownPeople(
    client: QueryClientContract,
    organizationId: number,
    rows: ParsedImportRow[]
  ) {
    const distinct = (items: (string | null | undefined)[]) => [
      ...new Set(items.filter((item): item is string => !!item)),
    ]
    const emails = distinct(rows.map((row) => row.person.email))
    const ids = distinct(rows.map((row) => row.person.franceTravailId))
    const births = distinct(
      rows.map((row) => row.person.birthDate && sqlDate(row.person.birthDate))
    )
    const phones = distinct(rows.map((row) => row.person.phone))

    const byId = new Map<number, Trainee>()
    const base = () => Trainee.query({ client }).where('organization_id', organizationId)
    const batches = [
      ...chunks(emails).map((list) =>
        base().whereRaw(`lower(email) in (${list.map(() => '?').join(', ')})`, list)
      ),
      ...chunks(ids).map((list) => base().whereIn('france_travail_id', list)),
      ...chunks(births).map((list) => base().whereIn('birth_date', list)),
      ...chunks(phones).map((list) => base().whereIn('phone', list)),
    ]
    for (const query of batches) {
      for (const trainee of await query) byId.set(trainee.id, trainee)
    }

    const byKey = new Map<string, Trainee[]>()
    for (const trainee of byId.values()) {
      for (const key of identityKeys(trainee)) {
        byKey.set(key, [...(byKey.get(key) ?? []), trainee])
      }
    }
    return { byId, byKey }
  }

  /**
   * Of these trainees, those with an application to the cohort, directly
   * or through an application waiting to be confirmed as theirs
   * (`duplicate_of_trainee_id`).
   */
  private async appliedTrainees(client: QueryClientContract, cohortId: number, ids: number[]) {
    const applied = new Set<number>()
    for (const list of chunks(ids)) {
      const applications = await Application.query({ client })
        .where('cohort_id', cohortId)
        .where((query) =>
          query.whereIn('trainee_id', list).orWhereIn('duplicate_of_trainee_id', list)
        )
        .select('trainee_id', 'duplicate_of_trainee_id')
      for (const application of applications) {
        applied.add(application.traineeId)
        if (application.duplicateOfTraineeId) applied.add(application.duplicateOfTraineeId)
      }
    }
    return applied
  }
}
