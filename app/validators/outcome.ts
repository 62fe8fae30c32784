import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import { FrenchMessagesProvider } from '#validators/french_messages'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { EXIT_REASONS } from '#enums/exit_reason'
import { CERTIFICATION_RESULTS } from '#enums/certification_result'
import { OUTCOME_CHECKPOINTS } from '#enums/checkpoint'
import { OUTCOME_SITUATIONS } from '#enums/outcome_situation'
import { CONTRACT_TYPES } from '#enums/contract_type'
import { WORKING_TIMES } from '#enums/working_time'
import { OUTCOME_SOURCES } from '#enums/outcome_source'

/**
 * A calendar day as the date input sends it (2026-11-26).
 */
const calendarDate = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    field.report(
      'Écrivez une date valide pour « {{ field }} », par exemple : 26/11/2026.',
      'date',
      field
    )
  }
})

/**
 * The facts of an observation. Which contract facts are needed (length for
 * a fixed-term contract, employer…) is decided by RecordOutcome, the one
 * place those rules live, so the same rules apply to every form.
 */
const facts = {
  situation: vine.enum(OUTCOME_SITUATIONS),
  contract_type: vine.enum(CONTRACT_TYPES).nullable().optional(),
  contract_months: vine.number().withoutDecimals().range([1, 600]).nullable().optional(),
  working_time: vine.enum(WORKING_TIMES).nullable().optional(),
  contract_start_on: vine.string().trim().use(calendarDate()).nullable().optional(),
  partner_company_id: rowId().nullable().optional(),
  employer_name: vine.string().trim().maxLength(200).nullable().optional(),
  employer_siret: vine.string().trim().maxLength(30).nullable().optional(),
  job_title: vine.string().trim().maxLength(200).nullable().optional(),
  source: vine.enum(OUTCOME_SOURCES),
}

/**
 * Closing an enrollment: exit date, reason, certification result and the
 * situation at exit.
 */
export const exitValidator = vine.compile(
  vine.object({
    exit_on: vine.string().trim().use(calendarDate()),
    exit_reason: vine.enum(EXIT_REASONS),
    certification_result: vine.enum(CERTIFICATION_RESULTS).nullable().optional(),
    ...facts,
  })
)

export type ExitPayload = Infer<typeof exitValidator>

/**
 * One more observation at a checkpoint.
 */
export const outcomeValidator = vine.compile(
  vine.object({
    checkpoint: vine.enum(OUTCOME_CHECKPOINTS),
    observed_on: vine.string().trim().use(calendarDate()).nullable().optional(),
    // The newest observation the form was shown with (0: none).
    known_outcome_id: vine.number().withoutDecimals().min(0).optional(),
    ...facts,
  })
)

export type OutcomePayload = Infer<typeof outcomeValidator>

export const outcomeMessages = new FrenchMessagesProvider(
  {
    'required': 'Le champ « {{ field }} » est obligatoire.',
    'string': 'Le champ « {{ field }} » doit contenir du texte.',
    'number': 'Le champ « {{ field }} » doit être un nombre.',
    'maxLength': 'Le champ « {{ field }} » doit avoir au plus {{ max }} caractères.',
    'enum': 'Choisissez une valeur dans la liste pour « {{ field }} ».',
    'withoutDecimals': 'Le champ « {{ field }} » doit être un nombre entier.',
    'positive': 'Choisissez une valeur dans la liste pour « {{ field }} ».',
    'exit_on.required': 'Indiquez la date de sortie.',
    'exit_reason.required': 'Choisissez le motif de sortie.',
    'situation.required': 'Choisissez la situation.',
    'source.required': 'Indiquez d’où vient l’information.',
    'checkpoint.required': 'Choisissez l’échéance.',
    'contract_months.range': 'La durée du contrat doit être entre 1 et 600 mois.',
    'partner_company_id.number': 'Choisissez l’entreprise dans la liste.',
  },
  {
    exit_on: 'date de sortie',
    exit_reason: 'motif de sortie',
    certification_result: 'résultat de la certification',
    situation: 'situation',
    contract_type: 'type de contrat',
    contract_months: 'durée du contrat (mois)',
    working_time: 'temps de travail',
    contract_start_on: 'début du contrat',
    partner_company_id: 'entreprise partenaire',
    employer_name: 'employeur',
    employer_siret: 'SIRET de l’employeur',
    job_title: 'poste',
    source: 'source',
    checkpoint: 'échéance',
    observed_on: 'date de l’observation',
  }
)

/**
 * A date field as Luxon (UTC day), null when empty.
 */
export function dayOf(value: string | null | undefined): DateTime | null {
  return value ? DateTime.fromISO(value, { zone: 'utc' }) : null
}
