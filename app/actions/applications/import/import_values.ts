import { DateTime } from 'luxon'
import type { Sex } from '#enums/sex'
import type { ApplicationSource } from '#enums/application_source'
import { foldText } from '#actions/applications/import/import_fields'
import { ageOn } from '#actions/applications/check_eligibility'

/**
 * How each value of an imported file is read. Every parser takes the
 * cell's text (trimmed, never empty: an empty cell is "not given" and
 * never reaches a parser) and returns `{ value }` or `{ error }`, the error
 * being the end of a French sentence that starts with the line number
 * ("ligne 4 : date de naissance « 31/02/1990 » invalide").
 */
export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string }

const ok = <T>(value: T): Parsed<T> => ({ value })
const fail = (error: string): Parsed<never> => ({ error })

/**
 * A value quoted in a message, cut when long.
 */
export function quote(text: string) {
  const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text
  return `« ${shown} »`
}

/**
 * Excel counts days from 30 December 1899 (its 1900 leap-year bug
 * included), so serial 1 is 1 January 1900 and 32 874 is 1 January 1990.
 */
const EXCEL_EPOCH = DateTime.utc(1899, 12, 30)

export function excelSerialToDate(serial: number) {
  return EXCEL_EPOCH.plus({ days: Math.floor(serial) })
}

/**
 * A calendar day from a file: 21/03/1990, 21-03-1990, 21.03.1990,
 * 21/3/90, 1990-03-21 (a time after it is ignored), or an Excel serial
 * number (the cell of a date column read as a number). Two-digit years
 * belong to the last hundred years. Returns a Luxon date at midnight
 * (UTC), or null when it is not a real day (31/02/1990).
 */
export function readDay(text: string, today: DateTime): DateTime | null {
  const value = text.trim()
  let match = value.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/)
  if (match) return day(+match[1], +match[2], +match[3])

  match = value.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s.*)?$/)
  if (match) {
    let year = +match[3]
    if (match[3].length === 2) {
      year += 2000
      if (year > today.year) year -= 100
    }
    return day(year, +match[2], +match[1])
  }

  if (/^\d{4,5}(?:\.0+)?$/.test(value)) {
    const serial = Number(value)
    return serial >= 1 && serial < 80_000 ? excelSerialToDate(serial) : null
  }
  return null
}

function day(year: number, month: number, dayOfMonth: number) {
  const date = DateTime.utc(year, month, dayOfMonth)
  return date.isValid ? date : null
}

/**
 * A birth date, for a person aged `minAge` to `maxAge` today.
 */
export function parseBirthDate(
  text: string,
  { today, minAge, maxAge }: { today: DateTime; minAge: number; maxAge: number }
): Parsed<DateTime> {
  const date = readDay(text, today)
  if (!date) return fail(`date de naissance ${quote(text)} invalide (par exemple : 21/03/1990)`)
  const age = ageOn(date, today)
  if (age < minAge || age > maxAge) {
    return fail(
      `date de naissance ${quote(date.toFormat('dd/LL/yyyy'))} : ${age < 0 ? 'dans le futur' : `${age} ${age > 1 ? 'ans' : 'an'}`}, l’âge doit être entre ${minAge} et ${maxAge} ans`
    )
  }
  return ok(date)
}

/**
 * The 1969 nomenclature still used in many lists (Roman numerals, and
 * France Travail's codes NV1…NV5, AFS, CFG, C3A, C12) converted to the
 * 2019 levels: V (CAP) → 3, IV (bac) → 4, III (bac+2) → 5, II (bac+3/4)
 * → 6, I (bac+5 and more) → 7; below V ("Vbis", "VI", no diploma) → 0.
 */
const OLD_LEVELS: Record<string, number> = {
  'vi': 0,
  'v bis': 0,
  'vbis': 0,
  'infra v': 0,
  'v': 3,
  'iv': 4,
  'iii': 5,
  'ii': 6,
  'i': 7,
  'nv5': 3,
  'nv4': 4,
  'nv3': 5,
  'nv2': 6,
  'nv1': 7,
  'afs': 0,
  'cfg': 0,
  'c3a': 0,
  'c12': 0,
}

/**
 * Diplomas by their everyday names.
 */
const DIPLOMA_LEVELS: Record<string, number> = {
  'sans diplome': 0,
  'sans diplome qualifiant': 0,
  'aucun': 0,
  'aucun diplome': 0,
  'sans': 0,
  'non diplome': 0,
  'pas de diplome': 0,
  'sans qualification': 0,
  'brevet': 0,
  'brevet des colleges': 0,
  'dnb': 0,
  'bepc': 0,
  'certificat d etudes': 0,
  'clea': 2,
  'cap': 3,
  'bep': 3,
  'cap bep': 3,
  'bep cap': 3,
  'mention complementaire': 3,
  'titre professionnel niveau 3': 3,
  'bac': 4,
  'baccalaureat': 4,
  'bac pro': 4,
  'bac professionnel': 4,
  'bac general': 4,
  'bac techno': 4,
  'bac technologique': 4,
  'bp': 4,
  'brevet professionnel': 4,
  'daeu': 4,
  'bts': 5,
  'dut': 5,
  'deug': 5,
  'deust': 5,
  'licence': 6,
  'licence pro': 6,
  'licence professionnelle': 6,
  'but': 6,
  'bachelor': 6,
  'maitrise': 6,
  'master': 7,
  'master 2': 7,
  'ingenieur': 7,
  'diplome d ingenieur': 7,
  'dea': 7,
  'dess': 7,
  'doctorat': 8,
  'these': 8,
}

/**
 * Bac + n years to a 2019 level.
 */
const BAC_PLUS: Record<number, number> = { 0: 4, 1: 4, 2: 5, 3: 6, 4: 6, 5: 7, 6: 7, 7: 7, 8: 8 }

/**
 * A qualification level on the 2019 framework (0 = no qualification):
 * "3", "niveau 3", "Niveau 4 (bac)" (the export's own words), "N5",
 * "CAP", "bac pro", "bac+2", "bac + 3", "licence", "sans diplôme", the
 * old Roman levels ("niveau V" = CAP) and France Travail's codes (NV4).
 */
export function parseQualificationLevel(text: string): Parsed<number> {
  const folded = foldText(text)
  const plus = text.toLowerCase().replace(/\s+/g, '')
  const bacPlus = plus.match(/^(?:bac|baccalaur[ée]at)\+(\d)(?:ans?)?$/)
  if (bacPlus && BAC_PLUS[+bacPlus[1]] !== undefined) return ok(BAC_PLUS[+bacPlus[1]])

  const digit =
    folded.match(/^(?:(?:niveau|niv|n)\s*)?([0-8])$/) ?? folded.match(/^niveau ([0-8]) /)
  if (digit) return ok(+digit[1])

  const old = folded.replace(/^(?:niveau|niv)\s+/, '')
  if (OLD_LEVELS[old] !== undefined) return ok(OLD_LEVELS[old])
  if (DIPLOMA_LEVELS[folded] !== undefined) return ok(DIPLOMA_LEVELS[folded])
  return fail(`niveau ${quote(text)} inconnu (0 à 8, CAP, bac, bac+2, licence, sans diplôme…)`)
}

const SEX_WORDS: Record<string, Sex> = {
  'f': 'female',
  'femme': 'female',
  'feminin': 'female',
  'mme': 'female',
  'madame': 'female',
  'mlle': 'female',
  'mademoiselle': 'female',
  'female': 'female',
  'h': 'male',
  'm': 'male',
  'homme': 'male',
  'masculin': 'male',
  'monsieur': 'male',
  'mr': 'male',
  'male': 'male',
  'autre': 'other',
  'x': 'other',
  'non binaire': 'other',
  'other': 'other',
}

/**
 * F, H, M, femme, homme, Mme, M., Monsieur, autre.
 */
export function parseSex(text: string): Parsed<Sex> {
  const sex = SEX_WORDS[foldText(text)]
  return sex ? ok(sex) : fail(`sexe ${quote(text)} inconnu (F, H ou autre)`)
}

const YES = new Set(['oui', 'o', 'yes', 'y', '1', 'x', 'vrai', 'true', 'inscrit', 'inscrite'])
const NO = new Set(['non', 'n', 'no', '0', 'faux', 'false', 'non inscrit', 'non inscrite'])

/**
 * oui/non, o/n, 1/0, x (a ticked column), vrai/faux.
 */
export function parseYesNo(text: string, what: string): Parsed<boolean> {
  const folded = foldText(text)
  if (YES.has(folded)) return ok(true)
  if (NO.has(folded)) return ok(false)
  return fail(`${what} ${quote(text)} : répondre oui ou non`)
}

/**
 * A French number as 10 digits ("06 12 34 56 78", "+33 6 12…", "0033…"),
 * the leading 0 Excel drops put back ("612345678"); another country's
 * number kept as +digits.
 */
export function parsePhone(text: string): Parsed<string> {
  let digits = text.replace(/[\s.\-()/]/g, '')
  if (/^00\d+$/.test(digits)) digits = `+${digits.slice(2)}`
  if (/^\+33\d{9}$/.test(digits)) digits = `0${digits.slice(3)}`
  if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`
  if (/^0\d{9}$/.test(digits) || /^\+\d{8,15}$/.test(digits)) return ok(digits)
  return fail(`téléphone ${quote(text)} invalide (10 chiffres, par exemple : 06 12 34 56 78)`)
}

/**
 * Five digits; a code Excel shortened to four ("1000" for 01000) gets its
 * 0 back.
 */
export function parsePostalCode(text: string): Parsed<string> {
  const code = text.replace(/\s/g, '')
  if (/^\d{4}$/.test(code)) return ok(`0${code}`)
  if (/^\d{5}$/.test(code)) return ok(code)
  return fail(`code postal ${quote(text)} invalide (5 chiffres)`)
}

const EMAIL = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:]{2,}$/

/**
 * One address, kept in lower case (how the public form keeps it).
 */
export function parseEmail(text: string): Parsed<string> {
  const email = text
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase()
  if (email.length > 254 || !EMAIL.test(email)) return fail(`e-mail ${quote(text)} invalide`)
  return ok(email)
}

/**
 * 7 to 11 digits or letters, kept in capitals without spaces.
 */
export function parseFranceTravailId(text: string): Parsed<string> {
  const id = text.replace(/\s/g, '').toUpperCase()
  if (/^[0-9A-Z]{7,11}$/.test(id)) return ok(id)
  return fail(`identifiant France Travail ${quote(text)} invalide (7 à 11 chiffres ou lettres)`)
}

/**
 * Who sent the person, as lists write it: the first name found in the
 * text wins ("Mission Locale de Rouen" → mission_locale, "Agence France
 * Travail Rouen Nord" → france_travail, "Pôle emploi" too).
 */
const SOURCE_WORDS: [string, ApplicationSource][] = [
  ['france travail', 'france_travail'],
  ['pole emploi', 'france_travail'],
  ['ft', 'france_travail'],
  ['pe', 'france_travail'],
  ['mission locale', 'mission_locale'],
  ['ml', 'mission_locale'],
  ['cap emploi', 'cap_emploi'],
  ['bouche a oreille', 'word_of_mouth'],
  ['bouche oreille', 'word_of_mouth'],
  ['reseaux sociaux', 'social_media'],
  ['reseau social', 'social_media'],
  ['facebook', 'social_media'],
  ['instagram', 'social_media'],
  ['linkedin', 'social_media'],
  ['site internet', 'website'],
  ['site web', 'website'],
  ['internet', 'website'],
  ['autre', 'other'],
]

export function parseSource(text: string): Parsed<ApplicationSource> {
  const folded = ` ${foldText(text)} `
  const found = SOURCE_WORDS.find(([words]) => folded.includes(` ${words} `))
  if (found) return ok(found[1])
  return fail(
    `origine ${quote(text)} inconnue (France Travail, Mission Locale, Cap emploi, bouche-à-oreille, réseaux sociaux, site internet ou autre)`
  )
}

/**
 * Free text, control characters removed, spaces collapsed (line breaks
 * kept when `multiline`), within `max` characters.
 */
export function parseText(
  text: string,
  what: string,
  max: number,
  { multiline = false } = {}
): Parsed<string> {
  const cleaned = multiline
    ? text
        .replace(/\r\n?/g, '\n')
        .replace(/[^\P{Cc}\n]/gu, '')
        .replace(/[^\S\n]+/g, ' ')
        .trim()
    : text
        .replace(/\p{Cc}/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim()
  if (cleaned.length > max)
    return fail(`${what} trop long (${cleaned.length} caractères, ${max} au plus)`)
  return ok(cleaned)
}
