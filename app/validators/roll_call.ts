import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import { FrenchMessagesProvider } from '#validators/french_messages'
import type { Infer } from '@vinejs/vine/types'
import type { RollCallInput } from '#actions/roll_calls/plan_roll_call'

/**
 * The shape of a roll call form: one entry per line (`rows[e12][status]`,
 * `[minutes]`, `[paper]`, `[seen]`). What each line means (an expected
 * trainee, a status from the list, minutes shorter than the session…) is
 * checked by planRollCall, which knows the session and names the trainee
 * in its messages.
 */
export const rollCallValidator = vine.compile(
  vine.object({
    rows: vine
      .record(
        vine.object({
          status: vine.string().trim().maxLength(20).nullable().optional(),
          minutes: vine.string().trim().maxLength(10).nullable().optional(),
          paper: vine.boolean().nullable().optional(),
          seen: vine.string().trim().maxLength(40),
        })
      )
      .maxLength(500),
    all_present: vine.string().nullable().optional(),
    reason: vine.string().trim().maxLength(1000).nullable().optional(),
    trainer_paper: vine.boolean().nullable().optional(),
  })
)

export const rollCallMessages = new FrenchMessagesProvider({
  'rows.required':
    'La liste des stagiaires manque au formulaire : rechargez la page et recommencez.',
  'rows.record': 'Le formulaire est incomplet : rechargez la page et recommencez.',
  'rows.maxLength': 'La liste est trop longue pour une seule séance.',
  'rows.*.object': 'Le formulaire est incomplet : rechargez la page et recommencez.',
  'rows.*.seen.required': 'Le formulaire est incomplet : rechargez la page et recommencez.',
  'reason.maxLength': 'Le motif de la correction doit avoir au plus {{ max }} caractères.',
  'maxLength': 'Ce champ est trop long.',
  'boolean': 'Cochez la case ou laissez-la vide.',
  'string': 'Ce champ n’est pas valide.',
})

export type RollCallPayload = Infer<typeof rollCallValidator>

/**
 * The validated form, in the terms of the action.
 */
export function rollCallInput(payload: RollCallPayload): RollCallInput {
  return {
    rows: payload.rows,
    allPresent: payload.all_present !== undefined && payload.all_present !== null,
    reason: payload.reason ?? null,
    trainerPaper: payload.trainer_paper === true,
  }
}

/**
 * The 6 digits a trainee types, spaces allowed ("123 456").
 */
const signingCode = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const digits = value.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(digits)) {
    field.report(
      'Écrivez les 6 chiffres du code affiché par votre formateur ou formatrice.',
      'signingCode',
      field
    )
    return
  }
  field.mutate(digits, field)
})

/**
 * A trainee's own signature: which session, which code.
 */
export const selfSigningValidator = vine.compile(
  vine.object({
    session_id: rowId(),
    code: vine.string().trim().use(signingCode()),
  })
)

export const selfSigningMessages = new FrenchMessagesProvider({
  'code.required': 'Écrivez le code à 6 chiffres affiché par votre formateur ou formatrice.',
  'code.string': 'Écrivez le code à 6 chiffres affiché par votre formateur ou formatrice.',
  'session_id.required': 'Choisissez la séance pour laquelle vous signez.',
  'session_id.number': 'Choisissez la séance pour laquelle vous signez.',
  'session_id.withoutDecimals': 'Choisissez la séance pour laquelle vous signez.',
  'session_id.positive': 'Choisissez la séance pour laquelle vous signez.',
  'session_id.max': 'Choisissez la séance pour laquelle vous signez.',
})
