import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Application from '#models/application'
import type { ApplicationEligibility } from '#models/application'
import type { EligibilityRules } from '#models/programme'
import type Trainee from '#models/trainee'
import { QUALIFICATION_SHORT_NAMES } from '#enums/qualification_level'

/**
 * The eligibility check (issue 4, item 2): a trainee against a programme's
 * rules (`sexes`, `minAge`, `maxAge`, `maxQualificationLevel`,
 * `jobSeekerRequired`, `departments`), with one reason in plain French per
 * rule not met.
 *
 * Three outcomes — never a silent rejection:
 * - `ineligible`: at least one rule is not met ("âge : 17 ans, minimum 18");
 * - `to_check`: nothing is refused but a fact a rule needs is unknown
 *   ("à vérifier : date de naissance inconnue"), or the person declared the
 *   sex "other" for a programme reserved to women or to men: a coordinator
 *   decides, the application goes on;
 * - `eligible`: every rule is met (or the programme has no rules).
 *
 * `eligible` is true unless something is refused (so `to_check` counts as
 * eligible); `reasons` lists refusals and checks in the order of the rules,
 * the checks starting with "à vérifier : ".
 */
export type EligibilityStatus = 'eligible' | 'to_check' | 'ineligible'

export type EligibilityResult = {
  status: EligibilityStatus
  eligible: boolean
  reasons: string[]
}

/**
 * What the rules read of a trainee (a Trainee model fits).
 */
export type EligibilityFacts = Pick<
  Trainee,
  'birthDate' | 'sex' | 'qualificationLevel' | 'jobSeeker' | 'postalCode'
>

/**
 * "sans diplôme", "niveau 2", "bac (niveau 4)".
 */
export function qualificationLevelName(level: number) {
  if (level === 0) return 'sans diplôme'
  const name = QUALIFICATION_SHORT_NAMES[level]
  return name ? `${name} (niveau ${level})` : `niveau ${level}`
}

const SEX_GROUPS: Record<string, string> = {
  female: 'femmes',
  male: 'hommes',
  other: 'personnes d’un autre genre',
}

/**
 * The department of a French postal code: "76000" → "76", "97110" → "971",
 * "20000" → "2A", "20200" → "2B"; null when it is not a postal code.
 */
export function departmentOf(postalCode: string | null | undefined) {
  const code = postalCode?.replace(/\s/g, '') ?? ''
  if (!/^\d{5}$/.test(code)) return null
  if (code.startsWith('97') || code.startsWith('98')) return code.slice(0, 3)
  if (code.startsWith('20')) return Number(code.slice(2, 3)) < 2 ? '2A' : '2B'
  return code.slice(0, 2)
}

/**
 * Age in whole years on a day, by the calendar: a birthday counts from
 * its day on, and someone born on 29 February has their birthday on
 * 1 March in other years.
 */
export function ageOn(birthDate: DateTime, day: DateTime) {
  const age = day.year - birthDate.year
  const birthdayPassed =
    day.month > birthDate.month || (day.month === birthDate.month && day.day >= birthDate.day)
  return birthdayPassed ? age : age - 1
}

function years(age: number) {
  return `${age} ${Math.abs(age) > 1 ? 'ans' : 'an'}`
}

function whole(value: unknown) {
  if (value === null || value === undefined || value === '') return null
  const number = Number(value)
  return Number.isInteger(number) ? number : null
}

function list(value: unknown) {
  return Array.isArray(value) ? value.map((item) => String(item).trim()).filter(Boolean) : []
}

function departmentCode(value: string) {
  const code = value.toUpperCase()
  return /^\d$/.test(code) ? `0${code}` : code
}

/**
 * The check itself, pure: no database, no clock (ages are taken on the
 * cohort's start date).
 */
export function checkEligibility({
  rules,
  trainee,
  cohortStartsOn,
}: {
  rules: EligibilityRules | null | undefined
  trainee: EligibilityFacts
  cohortStartsOn: DateTime
}): EligibilityResult {
  const refusals = new Set<string>()
  const reasons: string[] = []
  const refuse = (reason: string) => {
    refusals.add(reason)
    reasons.push(reason)
  }
  const toCheck = (what: string) => reasons.push(`à vérifier : ${what}`)
  const given = rules ?? {}

  const sexes = list(given.sexes)
  if (sexes.length) {
    const groups = sexes.map((sex) => SEX_GROUPS[sex] ?? sex).join(' et aux ')
    if (!trainee.sex) toCheck('sexe inconnu')
    else if (trainee.sex === 'other' && !sexes.includes('other')) {
      toCheck(`formation réservée aux ${groups}, genre déclaré : autre`)
    } else if (!sexes.includes(trainee.sex)) refuse(`réservée aux ${groups}`)
  }

  const minAge = whole(given.minAge)
  const maxAge = whole(given.maxAge)
  if (minAge !== null || maxAge !== null) {
    if (!trainee.birthDate) toCheck('date de naissance inconnue')
    else {
      const age = ageOn(trainee.birthDate, cohortStartsOn)
      if (minAge !== null && age < minAge) refuse(`âge : ${years(age)}, minimum ${minAge}`)
      if (maxAge !== null && age > maxAge) refuse(`âge : ${years(age)}, maximum ${maxAge}`)
    }
  }

  const maxLevel = whole(given.maxQualificationLevel)
  if (maxLevel !== null) {
    const level = trainee.qualificationLevel
    if (level === null || level === undefined) toCheck('niveau de diplôme inconnu')
    else if (level > maxLevel) {
      refuse(
        `niveau de diplôme : ${qualificationLevelName(level)}, maximum ${qualificationLevelName(maxLevel)}`
      )
    }
  }

  if (given.jobSeekerRequired === true && !trainee.jobSeeker) {
    refuse('inscription à France Travail demandée')
  }

  const departments = list(given.departments).map(departmentCode)
  if (departments.length) {
    const department = departmentOf(trainee.postalCode)
    if (!department) toCheck('code postal inconnu')
    else if (!departments.includes(department)) {
      refuse(`département ${department} : la formation accepte ${departments.join(', ')}`)
    }
  }

  const status: EligibilityStatus = refusals.size
    ? 'ineligible'
    : reasons.length
      ? 'to_check'
      : 'eligible'
  return { status, eligible: status !== 'ineligible', reasons }
}

/**
 * The check as an action: `new CheckEligibility().handle({ rules, trainee,
 * cohortStartsOn })`.
 */
export default class CheckEligibility {
  handle(params: Parameters<typeof checkEligibility>[0]): EligibilityResult {
    return checkEligibility(params)
  }
}

/**
 * The eligibility columns of an application as stored: `eligible` (false
 * only when refused; true for `to_check`) and `eligibility` =
 * `{ result: status, reasons, checkedAt, cohortStartsOn }`. The one shape
 * the form, imports and the demo write.
 */
export function eligibilityColumns(
  result: EligibilityResult,
  cohortStartsOn: DateTime,
  checkedAt: DateTime = DateTime.utc()
): { eligible: boolean; eligibility: ApplicationEligibility } {
  return {
    eligible: result.eligible,
    eligibility: {
      result: result.status,
      reasons: result.reasons,
      checkedAt: checkedAt.toUTC().toISO(),
      cohortStartsOn: cohortStartsOn.toISODate(),
    },
  }
}

/**
 * Checks an application against its cohort's programme and stores the
 * result: `applications.eligible` (false only when refused; true for
 * `to_check`) and `applications.eligibility` =
 * `{ result: status, reasons, checkedAt, cohortStartsOn }`.
 * Runs in the caller's transaction when given one (`client`), or in the
 * application's own transaction when it has one.
 */
export class RecordEligibility {
  async handle({
    application,
    client,
  }: {
    application: Application
    client?: TransactionClientContract
  }) {
    if (client) application.useTransaction(client)
    await application.load('trainee')
    await application.load('cohort', (cohort) => cohort.preload('programme'))
    const { cohort, trainee } = application

    const result = checkEligibility({
      rules: cohort.programme.eligibilityRules,
      trainee,
      cohortStartsOn: cohort.startsOn,
    })
    application.merge(eligibilityColumns(result, cohort.startsOn))
    await application.save()
    return result
  }
}
