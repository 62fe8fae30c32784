import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { ATTENDANCE_ALERT_KINDS } from '#enums/attendance_alert_kind'

/**
 * "Alerte vue / traitée": which alert of the enrollment, what was done
 * (optional), and which page to go back to.
 */
export const acknowledgeAlertValidator = vine.compile(
  vine.object({
    kind: vine.enum(ATTENDANCE_ALERT_KINDS),
    note: vine.string().trim().maxLength(500).optional(),
    back: vine.enum(['dashboard', 'cohort'] as const).optional(),
  })
)

export type AcknowledgeAlertPayload = Infer<typeof acknowledgeAlertValidator>
