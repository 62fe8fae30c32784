import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { BPF_OBJECTIVES } from '#enums/bpf_objective'
import { CERTIFICATION_KINDS } from '#enums/certification_kind'
import { MODULE_KINDS } from '#enums/module_kind'
import { MODULE_LOCATIONS } from '#enums/module_location'

/*
 * Rules with their own French message (their names are not in
 * resources/lang/fr/validator.json, so the message given here is shown).
 */

/**
 * Hours with at most two decimals (17.25 h, not 17.255 h).
 */
const twoDecimals = vine.createRule((value, _options, field) => {
  if (typeof value !== 'number') return
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) {
    field.report(
      'Écrivez un nombre d’heures avec au plus deux chiffres après la virgule.',
      'hoursDecimals',
      field
    )
  }
})

/**
 * Strictly more than zero (VineJS's `positive()` lets 0 through).
 */
const moreThanZero = vine.createRule((value, _options, field) => {
  if (typeof value === 'number' && value <= 0) {
    field.report('Le nombre d’heures doit être plus grand que 0.', 'moreThanZero', field)
  }
})

/**
 * The maximum age is not below the minimum age.
 */
const notBelowMinAge = vine.createRule((value, _options, field) => {
  const minAge = Number(field.parent?.minAge)
  if (
    typeof value !== 'number' ||
    field.parent?.minAge === null ||
    field.parent?.minAge === undefined ||
    Number.isNaN(minAge)
  )
    return
  if (value < minAge) {
    field.report('L’âge maximum doit être égal ou supérieur à l’âge minimum.', 'ageRange', field)
  }
})

/**
 * An RNCP code for an RNCP certification, an RS code for an RS one.
 */
const matchesCertificationKind = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const kind = field.parent?.certificationKind
  if (kind === 'rncp' && !/^RNCP\d{3,6}$/.test(value)) {
    field.report('Écrivez un code RNCP, par exemple : RNCP37674.', 'certificationCodeFormat', field)
  }
  if (kind === 'rs' && !/^RS\d{3,6}$/.test(value)) {
    field.report(
      'Écrivez un code du Répertoire spécifique, par exemple : RS5890.',
      'certificationCodeFormat',
      field
    )
  }
})

/**
 * French department codes: 01–95, 2A, 2B, 971–976.
 */
const DEPARTMENT = '(?:0[1-9]|[1-8]\\d|9[0-5]|2A|2B|97[1-6])'
const DEPARTMENT_LIST = new RegExp(`^${DEPARTMENT}(?:[\\s,;]+${DEPARTMENT})*$`)

const departmentList = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!DEPARTMENT_LIST.test(value)) {
    field.report(
      'Écrivez des numéros de département séparés par des virgules, par exemple : 76, 27, 14.',
      'departmentList',
      field
    )
  }
})

const percentage = () => vine.number().range([0, 100]).optional()
const optionalText = (maxLength: number) => vine.string().trim().maxLength(maxLength).optional()

/**
 * A programme, created or edited. Percentages are entered from 0 to 100;
 * empty fields are left out.
 */
export const programmeValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(3).maxLength(200),
    description: optionalText(2000),
    totalHours: vine.number().use(moreThanZero()).withoutDecimals().max(5000),

    certificationKind: vine.enum(CERTIFICATION_KINDS),
    certificationCode: vine
      .string()
      .trim()
      .toUpperCase()
      .maxLength(20)
      .optional()
      .requiredWhen('certificationKind', 'in', ['rncp', 'rs'])
      .use(matchesCertificationKind()),
    certificationLevel: vine
      .number()
      .withoutDecimals()
      .range([1, 8])
      .optional()
      .requiredWhen('certificationKind', '=', 'rncp'),
    formacode: vine
      .string()
      .trim()
      .regex(/^\d{5}$/)
      .optional(),
    nsfCode: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^\d{3}[a-z]?$/)
      .optional(),
    bpfObjective: vine.enum(BPF_OBJECTIVES).optional(),

    genLabelId: optionalText(50),
    genLabelValidFrom: vine.date().optional().requiredIfExists('genLabelValidUntil'),
    genLabelValidUntil: vine.date().afterField('genLabelValidFrom').optional(),

    eligibleSex: vine.enum(['female', 'male'] as const).optional(),
    minAge: vine.number().withoutDecimals().range([15, 99]).optional(),
    maxAge: vine.number().withoutDecimals().range([15, 99]).use(notBelowMinAge()).optional(),
    maxQualificationLevel: vine.number().withoutDecimals().range([0, 8]).optional(),
    jobSeekerRequired: vine.boolean().optional(),
    departments: vine.string().trim().toUpperCase().use(departmentList()).optional(),

    targetWomen: percentage(),
    targetQpv: percentage(),
    targetLowQualified: percentage(),
    targetNeet: percentage(),
    targetJobSeekers: percentage(),

    // Attendance rules (migration 0012); empty fields take the defaults.
    minAttendanceRate: percentage(),
    alertUnjustifiedHalfDays: vine.number().withoutDecimals().range([0, 60]).optional(),
    alertWindowDays: vine.number().withoutDecimals().range([1, 365]).optional(),
    alertMinRate: percentage(),
  })
)

export type ProgrammePayload = Infer<typeof programmeValidator>

/**
 * One module of a curriculum. Without a location, internships and company
 * visits take place in a company, everything else in the centre.
 */
export const programmeModuleValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(2).maxLength(200),
    kind: vine.enum(MODULE_KINDS),
    plannedHours: vine.number().use(moreThanZero()).max(9999.99).use(twoDecimals()),
    position: vine.number().withoutDecimals().min(1).max(999).optional(),
    location: vine.enum(MODULE_LOCATIONS).optional(),
  })
)

export type ProgrammeModulePayload = Infer<typeof programmeModuleValidator>
