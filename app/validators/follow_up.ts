import vine from '@vinejs/vine'
import { FrenchMessagesProvider } from '#validators/french_messages'
import type { Infer } from '@vinejs/vine/types'
import { CONTRACT_TYPES, type ContractType } from '#enums/contract_type'
import { FIXED_TERM_CONTRACTS } from '#services/outcome_definitions'

/**
 * The four answers to "Aujourd'hui, vous êtes :". "Autre" is stored as the
 * situation `inactive` (neither employed, in training nor job seeking).
 */
export const SELF_REPORT_SITUATIONS = ['employed', 'training', 'job_seeking', 'other'] as const

export type SelfReportSituation = (typeof SELF_REPORT_SITUATIONS)[number]

const isEmployed = (field: { parent: Record<string, unknown> }) =>
  field.parent.situation === 'employed'

/**
 * What a former trainee says they do today (self-report page, "Ma
 * situation") or what a coordinator heard on the phone. Contract details
 * only count when employed; the length is needed for a fixed-term contract
 * (CDD, intérim, alternance).
 */
const facts = {
  situation: vine.enum(SELF_REPORT_SITUATIONS),
  contract_type: vine.enum(CONTRACT_TYPES).optional().requiredWhen(isEmployed),
  contract_months: vine
    .number()
    .withoutDecimals()
    .range([1, 60])
    .optional()
    .requiredWhen(
      (field) =>
        isEmployed(field) &&
        FIXED_TERM_CONTRACTS.includes(field.parent.contract_type as ContractType)
    ),
  employer_name: vine
    .string()
    .trim()
    .maxLength(200)
    .optional()
    .requiredWhen(
      (field) => isEmployed(field) && field.parent.contract_type !== 'business_creation'
    ),
  job_title: vine.string().trim().maxLength(200).optional(),
}

export const selfReportValidator = vine.compile(vine.object(facts))

export type SelfReportPayload = Infer<typeof selfReportValidator>

/**
 * A coordinator's call: reached (the same facts) or unreachable (a note).
 */
export const followUpCallValidator = vine.compile(
  vine.object({
    result: vine.enum(['reached', 'unreachable'] as const),
    situation: vine.enum(SELF_REPORT_SITUATIONS).optional().requiredWhen('result', '=', 'reached'),
    contract_type: facts.contract_type,
    contract_months: facts.contract_months,
    employer_name: facts.employer_name,
    job_title: facts.job_title,
    call_note: vine.string().trim().maxLength(1000).optional(),
  })
)

export type FollowUpCallPayload = Infer<typeof followUpCallValidator>

export const followUpMessages = new FrenchMessagesProvider({
  'situation.required': 'Choisissez votre situation aujourd’hui.',
  'situation.enum': 'Choisissez votre situation aujourd’hui.',
  'contract_type.required': 'Choisissez le type de contrat.',
  'contract_type.enum': 'Choisissez le type de contrat dans la liste.',
  'contract_months.required': 'Indiquez la durée du contrat, en mois.',
  'contract_months.number': 'Écrivez la durée en mois, avec des chiffres (par exemple : 6).',
  'contract_months.withoutDecimals': 'Écrivez un nombre de mois entier.',
  'contract_months.range': 'La durée doit être entre 1 et 60 mois.',
  'employer_name.required': 'Indiquez le nom de l’employeur.',
  'employer_name.maxLength': 'Le nom de l’employeur est trop long (200 caractères au plus).',
  'job_title.maxLength': 'Le poste est trop long (200 caractères au plus).',
  'result.required': 'Indiquez si la personne a été jointe.',
  'result.enum': 'Indiquez si la personne a été jointe.',
  'call_note.maxLength': 'La note est trop longue (1 000 caractères au plus).',
})
