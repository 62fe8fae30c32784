import vine from '@vinejs/vine'

/**
 * Erasure is irreversible: the form asks to tick a confirmation box.
 */
export const anonymizeValidator = vine.compile(
  vine.object({
    confirm_erasure: vine.accepted(),
  })
)
