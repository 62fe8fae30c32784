import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import type { Infer } from '@vinejs/vine/types'

/**
 * Admitting an applicant: an optional note kept in the history, and the
 * explicit override for an ineligible applicant (a ticked box sends "1").
 * Whether the admission is possible is checked by AdmitApplication.
 */
export const admissionValidator = vine.compile(
  vine.object({
    admission_note: vine.string().trim().maxLength(1000).optional(),
    override_ineligibility: vine.boolean().optional(),
  })
)

export type AdmissionPayload = Infer<typeof admissionValidator>

/**
 * The answer to "Personne déjà connue ?": the known person the page
 * showed, so that a decision taken on a stale page is refused.
 */
export const duplicateDecisionValidator = vine.compile(
  vine.object({
    known_trainee_id: rowId(),
  })
)
