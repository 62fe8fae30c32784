import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { APPLICATION_STATUSES } from '#enums/application_status'

/**
 * A move of an application along the pipeline, with an optional note.
 * Whether the move makes sense is checked by MoveApplication.
 */
export const applicationMoveValidator = vine.compile(
  vine.object({
    status: vine.enum(APPLICATION_STATUSES),
    note: vine.string().trim().maxLength(1000).optional(),
  })
)

export type ApplicationMovePayload = Infer<typeof applicationMoveValidator>
