import { DateTime } from 'luxon'
import type Programme from '#models/programme'
import type { EligibilityRules, TargetRatios } from '#models/programme'
import type { ProgrammePayload } from '#validators/programme'

/**
 * The eligibility rules and target ratios the programme form edits; any
 * other key already stored (set by an import or the demo data) is kept.
 */
const ELIGIBILITY_KEYS = [
  'sexes',
  'minAge',
  'maxAge',
  'maxQualificationLevel',
  'jobSeekerRequired',
  'departments',
] as const

/**
 * Form field → key of `targetRatios` (a share between 0 and 1).
 */
const RATIO_FIELDS = {
  targetWomen: 'women',
  targetQpv: 'qpv',
  targetLowQualified: 'qualificationLevel4OrLess',
  targetNeet: 'neet',
  targetJobSeekers: 'jobSeekers',
} as const

/**
 * A date picked in a form (VineJS parses it at local midnight) as a
 * calendar day.
 */
function calendarDay(date: Date | undefined) {
  if (!date) return null
  return DateTime.fromObject({
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
  })
}

function without<T extends Record<string, unknown>>(record: T | null, keys: readonly string[]) {
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record ?? {})) {
    if (!keys.includes(key)) kept[key] = value
  }
  return kept
}

function orNull<T extends Record<string, unknown>>(record: T) {
  return Object.keys(record).length ? record : null
}

/**
 * The programme's columns from a validated form, on top of what it holds.
 */
export function programmeAttributes(payload: ProgrammePayload, previous?: Programme) {
  const certified = payload.certificationKind !== 'none'

  const eligibilityRules: EligibilityRules = without(
    previous?.eligibilityRules ?? null,
    ELIGIBILITY_KEYS
  )
  if (payload.eligibleSex) eligibilityRules.sexes = [payload.eligibleSex]
  if (payload.minAge !== undefined) eligibilityRules.minAge = payload.minAge
  if (payload.maxAge !== undefined) eligibilityRules.maxAge = payload.maxAge
  if (payload.maxQualificationLevel !== undefined) {
    eligibilityRules.maxQualificationLevel = payload.maxQualificationLevel
  }
  if (payload.jobSeekerRequired) eligibilityRules.jobSeekerRequired = true
  if (payload.departments) {
    eligibilityRules.departments = [...new Set(payload.departments.split(/[\s,;]+/))]
  }

  const targetRatios = without(
    previous?.targetRatios ?? null,
    Object.values(RATIO_FIELDS)
  ) as TargetRatios
  for (const [field, key] of Object.entries(RATIO_FIELDS)) {
    const percent = payload[field as keyof typeof RATIO_FIELDS]
    if (percent !== undefined) targetRatios[key] = Math.round(percent * 100) / 10_000
  }

  return {
    title: payload.title,
    description: payload.description ?? null,
    totalHours: payload.totalHours,
    certificationKind: payload.certificationKind,
    certificationCode: certified ? (payload.certificationCode ?? null) : null,
    certificationLevel:
      payload.certificationKind === 'rncp' ? (payload.certificationLevel ?? null) : null,
    formacode: payload.formacode ?? null,
    nsfCode: payload.nsfCode ?? null,
    bpfObjective: payload.bpfObjective ?? null,
    genLabelId: payload.genLabelId ?? null,
    genLabelValidFrom: calendarDay(payload.genLabelValidFrom),
    genLabelValidUntil: calendarDay(payload.genLabelValidUntil),
    eligibilityRules: orNull(eligibilityRules),
    targetRatios: orNull(targetRatios),
    ...attendanceRuleAttributes(payload),
  }
}

/**
 * The attendance rules of the form (percentages from 0 to 100), an empty
 * field giving the default of migration 0012: 80 % minimum, an alert at
 * 3 unjustified half-days within 30 days or a rate under 80 %.
 */
function attendanceRuleAttributes(payload: ProgrammePayload) {
  const share = (percent: number | null | undefined, fallback: number) =>
    percent === undefined || percent === null ? fallback : Math.round(percent * 10) / 1000
  return {
    minAttendanceRate: share(payload.minAttendanceRate, 0.8),
    alertUnjustifiedHalfDays: payload.alertUnjustifiedHalfDays ?? 3,
    alertWindowDays: payload.alertWindowDays ?? 30,
    alertMinRate: share(payload.alertMinRate, 0.8),
  }
}

/**
 * The form's fields for a stored programme (the reverse of
 * `programmeAttributes`), percentages from 0 to 100.
 */
export function programmeFormValues(programme: Programme) {
  const rules = programme.eligibilityRules ?? {}
  const ratios = programme.targetRatios ?? {}
  const sexes = Array.isArray(rules.sexes) ? rules.sexes : []
  const percent = (key: string) =>
    typeof ratios[key] === 'number' ? Math.round(ratios[key] * 10_000) / 100 : null

  const values: Record<string, unknown> = {
    title: programme.title,
    description: programme.description,
    totalHours: programme.totalHours,
    certificationKind: programme.certificationKind,
    certificationCode: programme.certificationCode,
    certificationLevel: programme.certificationLevel,
    formacode: programme.formacode,
    nsfCode: programme.nsfCode,
    bpfObjective: programme.bpfObjective,
    genLabelId: programme.genLabelId,
    genLabelValidFrom: programme.genLabelValidFrom?.toISODate() ?? null,
    genLabelValidUntil: programme.genLabelValidUntil?.toISODate() ?? null,
    eligibleSex: sexes.length === 1 ? sexes[0] : null,
    minAge: rules.minAge ?? null,
    maxAge: rules.maxAge ?? null,
    maxQualificationLevel: rules.maxQualificationLevel ?? null,
    jobSeekerRequired: rules.jobSeekerRequired === true,
    departments: Array.isArray(rules.departments) ? rules.departments.join(', ') : null,
  }
  for (const [field, key] of Object.entries(RATIO_FIELDS)) values[field] = percent(key)
  const asPercent = (share: unknown) =>
    share === null || share === undefined ? null : Math.round(Number(share) * 1000) / 10
  values.minAttendanceRate = asPercent(programme.minAttendanceRate)
  values.alertUnjustifiedHalfDays = programme.alertUnjustifiedHalfDays ?? null
  values.alertWindowDays = programme.alertWindowDays ?? null
  values.alertMinRate = asPercent(programme.alertMinRate)
  return values
}
