import type { HttpContext } from '@adonisjs/core/http'
import { localeValidator } from '#validators/locale'

/**
 * The language switch: anything but "fr" or "en" means French.
 */

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
