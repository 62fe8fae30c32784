import vine from '@vinejs/vine'
import { FrenchMessagesProvider } from '#validators/french_messages'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'

type ReasonsMeta = { reasons: string[] }

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
 * A coordinator's decision on an absence: a reason from the cohort's list
 * (or none), justified or not, and the motive of a correction. Whether the
 * motive is needed is decided by UpdateAbsence; the proof file is read
 * apart (see #services/absence_proofs).
 */
export const absenceUpdateValidator = vine.withMetaData<ReasonsMeta>().compile(
  vine.object({
    absence_reason: vine
      .string()
      .trim()
      .in((field) => field.meta.reasons)
      .nullable()
      .optional(),
    justified: vine.enum(['yes', 'no', 'pending'] as const),
    motive: vine.string().trim().maxLength(1000).nullable().optional(),
  })
)

export type AbsenceUpdatePayload = Infer<typeof absenceUpdateValidator>

/**
 * A trainee announcing an absence: from one day to another (the same by
 * default), the whole day or one half-day, a reason from their cohort's
 * list and a comment.
 */
export const absenceAnnouncementValidator = vine.withMetaData<ReasonsMeta>().compile(
  vine.object({
    from: vine.string().trim().use(calendarDate()),
    to: vine.string().trim().use(calendarDate()).nullable().optional(),
    half_day: vine.enum(['all', 'morning', 'afternoon'] as const),
    absence_reason: vine
      .string()
      .trim()
      .in((field) => field.meta.reasons),
    comment: vine.string().trim().maxLength(1000).nullable().optional(),
  })
)

export type AbsenceAnnouncementPayload = Infer<typeof absenceAnnouncementValidator>

/**
 * French messages for these forms, whose fields the shared list does not
 * name.
 */
export const absenceMessages = new FrenchMessagesProvider(
  {
    'required': 'Le champ « {{ field }} » est obligatoire.',
    'string': 'Le champ « {{ field }} » doit contenir du texte.',
    'maxLength': 'Le champ « {{ field }} » doit avoir au plus {{ max }} caractères.',
    'in': 'Choisissez un motif dans la liste.',
    'enum': 'Choisissez une réponse dans la liste pour « {{ field }} ».',
    'justified.required': 'Dites si l’absence est justifiée.',
    'from.required': 'Indiquez le premier jour de l’absence.',
    'absence_reason.required': 'Choisissez le motif de l’absence.',
  },
  {
    absence_reason: 'motif de l’absence',
    justified: 'absence justifiée',
    motive: 'motif de la correction',
    from: 'premier jour',
    to: 'dernier jour',
    half_day: 'moment de la journée',
    comment: 'commentaire',
  }
)
