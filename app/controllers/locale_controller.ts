import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The language switch: `locale` is "fr" or "en"; anything else means French.
 */
const localeValidator = vine.compile(
  vine.object({
    locale: vine.enum(['fr', 'en'] as const),
  })
)

export default class LocaleController {
  async update({ request, response, session, auth }: HttpContext) {
    const locale = await localeValidator
      .validate(request.only(['locale']))
      .then((payload) => payload.locale)
      .catch(() => 'fr' as const)

    session.put('locale', locale)
    if (await auth.check()) {
      auth.user!.locale = locale
      await auth.user!.save()
    }

    return response.redirect().back()
  }
}
