import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { emailOnlyValidator } from '#validators/auth'
import SendLoginLink from '#actions/auth/send_login_link'
import ConsumeLoginToken, { findValidToken } from '#actions/auth/consume_login_token'
import { SIGN_IN_TOKEN_KINDS } from '#models/login_token'
import { ROLE_HOME_ROUTES } from '#services/role_home'

/**
 * Passwordless sign-in: a one-time link sent by email, asked for on the
 * sign-in page (`magic_link`) or sent on admission (`welcome`).
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
    const valid = await findValidToken(params.token, SIGN_IN_TOKEN_KINDS)
    return view.render('pages/auth/magic_link_confirm', { token: params.token, valid: !!valid })
  }

  /**
   * A welcome link lands straight on the person's home page (a trainee's
   * planning); an asked-for link on the dashboard, as a password sign-in.
   */
  async consume({ params, response, auth, session, i18n }: HttpContext) {
    const pending = await findValidToken(params.token, SIGN_IN_TOKEN_KINDS)
    const user = pending
      ? await new ConsumeLoginToken().handle({ token: params.token, kind: pending.kind })
      : null
    if (!pending || !user) {
      session.flash('error', i18n.t('auth.magic_link.used_up'))
      return response.redirect().toRoute('auth.magic_link.create')
    }
    await auth.use('web').login(user)
    session.put('locale', user.locale)
    if (pending.kind === 'welcome') return response.redirect().toRoute(ROLE_HOME_ROUTES[user.role])
    return response.redirect().toRoute('dashboard')
  }
}
