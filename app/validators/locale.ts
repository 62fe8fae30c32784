import vine from '@vinejs/vine'

/**
 * The language switch: `locale` is "fr" or "en".
 */
export const localeValidator = vine.compile(
  vine.object({
    locale: vine.enum(['fr', 'en'] as const),
  })
)
