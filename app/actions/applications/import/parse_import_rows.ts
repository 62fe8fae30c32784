import type { DateTime } from 'luxon'
import type { Sex } from '#enums/sex'
import type { ApplicationSource } from '#enums/application_source'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import { APPLICATION_SOURCE_LABELS } from '#actions/applications/pipeline_labels'
import { MAX_APPLICANT_AGE, MIN_APPLICANT_AGE } from '#validators/application'
import {
  foldText,
  type ImportFieldKey,
  type ImportMapping,
} from '#actions/applications/import/import_fields'
import { cellText, type ImportSheet } from '#actions/applications/import/read_import_file'
import * as values from '#actions/applications/import/import_values'
import type { Parsed } from '#actions/applications/import/import_values'

/**
 * A person as a row of the file describes them, each value read and
 * checked; null where the file says nothing (or says something that
 * could not be read: the row then has an error).
 */
export type ImportedPerson = {
  lastName: string | null
  firstName: string | null
  email: string | null
  phone: string | null
  birthDate: DateTime | null
  sex: Sex | null
  postalCode: string | null
  city: string | null
  addressLine: string | null
  qualificationLevel: number | null
  /** Null when the file does not say. */
  jobSeeker: boolean | null
  franceTravailId: string | null
  /** The row's own origin, when the file has an origin column. */
  source: ApplicationSource | null
  prescriber: string | null
  notes: string | null
}

export type ParsedImportRow = {
  line: number
  person: ImportedPerson
  /**
   * What the preview shows for each field the mapping fills: the value as
   * understood ("21/03/1990", "Niveau 4 (bac)"), or the cell as written
   * when it could not be read.
   */
  shown: Partial<Record<ImportFieldKey, string>>
  /** In French, without the line number ("niveau « x » inconnu"). */
  errors: string[]
  /**
   * How the person is recognised: "email:…", "ft:…", "born:names|date",
   * "phone:names|number" (names folded: case, accents and hyphens aside).
   */
  keys: string[]
}

const SEX_LABELS: Record<Sex, string> = { female: 'Femme', male: 'Homme', other: 'Autre' }

/**
 * "Jean-Pierre  DUPONT" and "jean pierre dupont" are the same name.
 */
export function personName(lastName: string, firstName: string) {
  return `${foldText(lastName)}|${foldText(firstName)}`
}

/**
 * The keys a person is recognised by (see ParsedImportRow.keys). A
 * Trainee fits too.
 */
export function identityKeys(person: {
  lastName: string | null
  firstName: string | null
  email: string | null
  phone: string | null
  birthDate: DateTime | null
  franceTravailId: string | null
}) {
  const keys: string[] = []
  if (person.email) keys.push(`email:${person.email.trim().toLowerCase()}`)
  if (person.franceTravailId) {
    keys.push(`ft:${person.franceTravailId.replace(/\s/g, '').toUpperCase()}`)
  }
  if (person.lastName && person.firstName) {
    const name = personName(person.lastName, person.firstName)
    if (person.birthDate) keys.push(`born:${name}|${person.birthDate.toISODate()}`)
    if (person.phone) keys.push(`phone:${name}|${person.phone.replace(/[\s.\-]/g, '')}`)
  }
  return keys
}

/**
 * Reads every data row of a sheet through a mapping (checked beforehand
 * with checkMapping), pure: no database. Each row gets its values, what
 * the preview shows and its errors; a row that repeats an earlier row of
 * the file (same e-mail, France Travail identifier, or names with the
 * same birth date or phone) gets "déjà dans le fichier ligne N".
 *
 * `today` is the day ages are taken on (birth dates must give 16 to 80
 * years, as on the public form).
 */
export function parseImportRows(
  sheet: ImportSheet,
  mapping: ImportMapping,
  { today }: { today: DateTime }
): ParsedImportRow[] {
  const rows = sheet.rows.map((row) => parseRow(row.line, row.cells, mapping, today))
  markDuplicates(rows)
  return rows
}

function parseRow(
  line: number,
  cells: ImportSheet['rows'][number]['cells'],
  mapping: ImportMapping,
  today: DateTime
): ParsedImportRow {
  const errors: string[] = []
  const shown: Partial<Record<ImportFieldKey, string>> = {}

  /**
   * The field's cell as text, or null when the file has no such column
   * or the cell is empty.
   */
  const raw = (key: ImportFieldKey) => {
    const index = mapping[key]
    if (index === undefined) return null
    const text = cellText(cells[index] ?? null).trim()
    return text === '' ? null : text
  }

  /**
   * Reads a field: records the error or what to show, returns the value.
   */
  function read<T>(
    key: ImportFieldKey,
    parser: (text: string) => Parsed<T>,
    show: (value: T) => string = String
  ): T | null {
    const text = raw(key)
    if (text === null) return null
    const parsed = parser(text)
    if (parsed.error !== undefined) {
      errors.push(parsed.error)
      shown[key] = text
      return null
    }
    shown[key] = show(parsed.value as T)
    return parsed.value as T
  }

  const person: ImportedPerson = {
    lastName: read('last_name', (text) => values.parseText(text, 'nom', 100)),
    firstName: read('first_name', (text) => values.parseText(text, 'prénom', 100)),
    email: read('email', values.parseEmail),
    phone: read('phone', values.parsePhone),
    birthDate: read(
      'birth_date',
      (text) =>
        values.parseBirthDate(text, {
          today,
          minAge: MIN_APPLICANT_AGE,
          maxAge: MAX_APPLICANT_AGE,
        }),
      (date) => date.toFormat('dd/LL/yyyy')
    ),
    sex: read('sex', values.parseSex, (sex) => SEX_LABELS[sex]),
    postalCode: read('postal_code', values.parsePostalCode),
    city: read('city', (text) => values.parseText(text, 'ville', 100)),
    addressLine: read('address_line', (text) => values.parseText(text, 'adresse', 255)),
    qualificationLevel: read(
      'qualification_level',
      values.parseQualificationLevel,
      (level) => QUALIFICATION_LEVEL_LABELS[level]
    ),
    jobSeeker: read(
      'job_seeker',
      (text) => values.parseYesNo(text, 'demandeur d’emploi'),
      (yes) => (yes ? 'Oui' : 'Non')
    ),
    franceTravailId: read('france_travail_id', values.parseFranceTravailId),
    source: read('source', values.parseSource, (source) => APPLICATION_SOURCE_LABELS[source]),
    prescriber: read('prescriber', (text) => values.parseText(text, 'prescripteur', 255)),
    notes: read('notes', (text) => values.parseText(text, 'remarques', 2000, { multiline: true })),
  }

  if (!person.lastName && !shown.last_name) errors.unshift('nom manquant')
  if (!person.firstName && !shown.first_name) errors.unshift('prénom manquant')
  // A France Travail identifier means the person is registered there.
  if (person.jobSeeker === null && person.franceTravailId && !shown.job_seeker) {
    person.jobSeeker = true
  }

  const keys = identityKeys(person)
  if (person.lastName && person.firstName && !keys.length && !errors.length) {
    errors.push(
      'ni e-mail, ni identifiant France Travail, ni date de naissance, ni téléphone : impossible de savoir si la personne est déjà connue'
    )
  }
  return { line, person, shown, errors, keys }
}

function markDuplicates(rows: ParsedImportRow[]) {
  const firstLineOf = new Map<string, number>()
  for (const row of rows) {
    const earlier = row.keys.map((key) => firstLineOf.get(key)).find((line) => line !== undefined)
    if (earlier !== undefined) {
      row.errors.push(`déjà dans le fichier ligne ${earlier}`)
      continue
    }
    for (const key of row.keys) firstLineOf.set(key, row.line)
  }
}
