import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { emailOnlyValidator } from '#validators/auth'
import SendLoginLink from '#actions/auth/send_login_link'
import ConsumeLoginToken, { findValidToken } from '#actions/auth/consume_login_token'

/**
 * Passwordless sign-in: a one-time link sent by email.
 */
export default class MagicLinkController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/magic_link_request')
  }

  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    const allowed = await limiter
      .use({ requests: 5, duration: '15 mins' })
      .attempt(`magic_${request.ip()}`, async () => true)
    if (!allowed) {
      session.flash('error', i18n.t('auth.login.too_many_requests'))
      return response.redirect().toRoute('auth.magic_link.create')
    }

    await new SendLoginLink().handle({ email, kind: 'magic_link' })
    session.flash('linkSentTo', email)
    return response.redirect().toRoute('auth.link_sent')
  }

  /**
   * The emailed link opens a page with one button: mail scanners that
   * follow links do not use the link up, only the person's click does.
   */
  async show({ params, view }: HttpContext) {
    const valid = await findValidToken(params.token, 'magic_link')
    return view.render('pages/auth/magic_link_confirm', { token: params.token, valid: !!valid })
  }

  async consume({ params, response, auth, session, i18n }: HttpContext) {
    const user = await new ConsumeLoginToken().handle({ token: params.token, kind: 'magic_link' })
    if (!user) {
      session.flash('error', i18n.t('auth.magic_link.used_up'))
      return response.redirect().toRoute('auth.magic_link.create')
    }
    await auth.use('web').login(user)
    session.put('locale', user.locale)
    return response.redirect().toRoute('dashboard')
  }
}
