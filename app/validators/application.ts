import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { APPLICATION_SOURCES } from '#enums/application_source'
import { SEXES } from '#enums/sex'
import { RQTH_STATUSES } from '#enums/rqth_status'
import { PARIS } from '#services/sql_time'

/**
 * Highest qualification offered on the public form, as 2019 levels:
 * none, CAP/BEP, bac, bac +2, licence or more.
 */
export const FORM_QUALIFICATION_LEVELS = [0, 3, 4, 5, 6] as const

export const MIN_APPLICANT_AGE = 16
export const MAX_APPLICANT_AGE = 80

/*
 * Rules with their own French message (their names are not in
 * resources/lang/fr/validator.json, so the message given here is shown).
 */

/**
 * A birth date as the date input sends it (1990-03-21) or as typed where
 * the browser shows a text box (21/03/1990), in the past, for a person aged
 * 16 to 80 today.
 */
const plausibleBirthDate = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const date = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value)
    ? DateTime.fromFormat(value, 'd/M/yyyy', { zone: PARIS })
    : DateTime.fromFormat(value, 'yyyy-MM-dd', { zone: PARIS })
  if (!date.isValid) {
    field.report('Écrivez votre date de naissance, par exemple : 21/03/1990.', 'birthDate', field)
    return
  }
  const today = DateTime.now().setZone(PARIS).startOf('day')
  if (date >= today) {
    field.report('La date de naissance doit être dans le passé.', 'birthDatePast', field)
    return
  }
  const age = Math.floor(today.diff(date, 'years').years)
  if (age < MIN_APPLICANT_AGE || age > MAX_APPLICANT_AGE) {
    field.report(
      `Vérifiez votre date de naissance : il faut avoir entre ${MIN_APPLICANT_AGE} et ${MAX_APPLICANT_AGE} ans.`,
      'birthDateAge',
      field
    )
    return
  }
  field.mutate(date.toISODate(), field)
})

/**
 * A month as the month input sends it (2025-09), typed (09/2025) or a day,
 * not in the future. Stored as the first day of that month.
 */
const pastMonth = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const iso = value.match(/^(\d{4})-(\d{1,2})(?:-\d{2})?$/)
  const french = value.match(/^(\d{1,2})\/(\d{4})$/)
  const [year, monthNumber] = iso ? [+iso[1], +iso[2]] : french ? [+french[2], +french[1]] : [0, 0]
  const month = year ? DateTime.fromObject({ year, month: monthNumber, day: 1 }) : null
  if (!month || !month.isValid) {
    field.report('Écrivez le mois et l’année, par exemple : 09/2025.', 'month', field)
    return
  }
  if (month > DateTime.now().setZone(PARIS).startOf('month')) {
    field.report('Ce mois ne doit pas être dans le futur.', 'monthPast', field)
    return
  }
  field.mutate(month.toISODate(), field)
})

/**
 * A French phone number: 10 digits, spaces, dots and dashes allowed
 * ("06 12 34 56 78"), or +33 followed by 9 digits. Kept as 10 digits.
 */
const frenchPhone = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  let digits = value.replace(/[\s.\-()]/g, '')
  if (/^\+33\d{9}$/.test(digits)) digits = `0${digits.slice(3)}`
  if (!/^0\d{9}$/.test(digits)) {
    field.report(
      'Écrivez votre numéro de téléphone avec 10 chiffres, par exemple : 06 12 34 56 78.',
      'frenchPhone',
      field
    )
    return
  }
  field.mutate(digits, field)
})

const frenchPostalCode = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!/^\d{5}$/.test(value.replace(/\s/g, ''))) {
    field.report(
      'Écrivez un code postal de 5 chiffres, par exemple : 76000.',
      'frenchPostalCode',
      field
    )
    return
  }
  field.mutate(value.replace(/\s/g, ''), field)
})

const franceTravailId = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!/^[0-9A-Za-z]{7,11}$/.test(value.replace(/\s/g, ''))) {
    field.report(
      'L’identifiant France Travail a 7 à 11 chiffres ou lettres, par exemple : 1234567A.',
      'franceTravailId',
      field
    )
    return
  }
  field.mutate(value.replace(/\s/g, '').toUpperCase(), field)
})

/**
 * The RQTH consent box is needed only when the answer is "yes".
 */
const consentWhenRqth = vine.createRule(
  (value, _options, field) => {
    if (field.parent?.rqth === 'yes' && !value) {
      field.report(
        'Cochez la case pour accepter que cette information soit utilisée, ou choisissez « Je préfère ne pas répondre ».',
        'rqthConsent',
        field
      )
    }
  },
  { implicit: true }
)

/**
 * Some text once trimmed: spaces alone count as no answer.
 */
const filled = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && value.length === 0) {
    field.report('Le champ « {{ field }} » est obligatoire.', 'filled', field)
  }
})

const text = (max: number) => vine.string().trim().maxLength(max)
const requiredText = (max: number) => text(max).use(filled())

/**
 * The public application form. Every text is kept as typed (trimmed):
 * pages escape it when they show it.
 */
export const applicationValidator = vine.compile(
  vine.object({
    first_name: requiredText(100),
    last_name: requiredText(100),
    email: vine.string().trim().maxLength(254).email(),
    phone: vine.string().trim().use(frenchPhone()),
    birth_date: vine.string().trim().use(plausibleBirthDate()),
    sex: vine.enum(SEXES),
    address_line: requiredText(255),
    postal_code: vine.string().trim().use(frenchPostalCode()),
    city: requiredText(100),
    qualification_level: vine.enum(FORM_QUALIFICATION_LEVELS.map(String)),
    job_seeker: vine.enum(['yes', 'no']),
    job_seeker_since: vine
      .string()
      .trim()
      .use(pastMonth())
      .optional()
      .requiredWhen('job_seeker', '=', 'yes'),
    france_travail_id: vine.string().trim().use(franceTravailId()).optional(),
    source: vine.enum(APPLICATION_SOURCES),
    prescriber: text(255).optional(),
    availability: requiredText(2000),
    motivation: requiredText(5000),
    rgpd_consent: vine.accepted(),
    rqth: vine.enum(RQTH_STATUSES),
    rqth_consent: vine.boolean().use(consentWhenRqth()).optional(),
  })
)

export type ApplicationPayload = Infer<typeof applicationValidator>
