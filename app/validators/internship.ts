import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import { FrenchMessagesProvider } from '#validators/french_messages'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { INTERNSHIP_KINDS } from '#enums/internship_kind'

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

const optionalText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

/**
 * An internship's form: the shape of each field. The rules between fields
 * and with the enrollment (dates, hours, PMSMP length, company and tutor of
 * the organisation) are checked by #actions/internships/internship_rules.
 */
export const internshipValidator = vine.compile(
  vine.object({
    kind: vine.enum(INTERNSHIP_KINDS),
    partner_company_id: rowId(),
    tutor_contact_id: rowId().nullable().optional(),
    prescriber: optionalText(255),
    starts_on: vine.string().trim().use(calendarDate()),
    ends_on: vine.string().trim().use(calendarDate()),
    hours_total: vine.number().min(1).max(2000).decimal([0, 2]),
    weekly_hours: vine.number().min(1).max(99).decimal([0, 2]),
    place: optionalText(255),
    tasks: optionalText(4000),
    objectives: optionalText(4000),
    evaluation_method: optionalText(4000),
  })
)

export type InternshipPayload = Infer<typeof internshipValidator>

/**
 * A status move: the new status, the day it happened (today by default)
 * and, for a cancellation, why.
 */
export const internshipMoveValidator = vine.compile(
  vine.object({
    status: vine.enum(['agreement_sent', 'signed', 'ongoing', 'completed', 'cancelled'] as const),
    on: vine.string().trim().use(calendarDate()).nullable().optional(),
    cancel_reason: optionalText(1000),
  })
)

export type InternshipMovePayload = Infer<typeof internshipMoveValidator>

/**
 * French messages for these forms.
 */
export const internshipMessages = new FrenchMessagesProvider(
  {
    'required': 'Le champ « {{ field }} » est obligatoire.',
    'string': 'Le champ « {{ field }} » doit contenir du texte.',
    'number': 'Le champ « {{ field }} » doit être un nombre.',
    'maxLength': 'Le champ « {{ field }} » doit avoir au plus {{ max }} caractères.',
    'min': 'Le champ « {{ field }} » doit valoir au moins {{ min }}.',
    'max': 'Le champ « {{ field }} » doit valoir au plus {{ max }}.',
    'decimal': 'Le champ « {{ field }} » accepte au plus deux décimales.',
    'withoutDecimals': 'Choisissez une valeur dans la liste pour « {{ field }} ».',
    'positive': 'Choisissez une valeur dans la liste pour « {{ field }} ».',
    'enum': 'Choisissez une valeur dans la liste pour « {{ field }} ».',
    'partner_company_id.required': 'Choisissez l’entreprise d’accueil.',
    'partner_company_id.number': 'Choisissez l’entreprise d’accueil dans la liste.',
    'starts_on.required': 'Indiquez le premier jour du stage.',
    'ends_on.required': 'Indiquez le dernier jour du stage.',
    'hours_total.required': 'Indiquez le nombre total d’heures de présence.',
    'weekly_hours.required': 'Indiquez la durée hebdomadaire de présence.',
    'status.enum': 'Ce changement de statut n’existe pas.',
  },
  {
    kind: 'type de stage',
    partner_company_id: 'entreprise d’accueil',
    tutor_contact_id: 'tuteur ou tutrice',
    prescriber: 'prescripteur',
    starts_on: 'premier jour',
    ends_on: 'dernier jour',
    hours_total: 'heures de présence',
    weekly_hours: 'heures par semaine',
    place: 'lieu',
    tasks: 'activités confiées',
    objectives: 'objectifs opérationnels',
    evaluation_method: 'modalités d’évaluation',
    status: 'statut',
    on: 'date',
    cancel_reason: 'motif de l’annulation',
  }
)
