import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { emailOnlyValidator, resetPasswordValidator } from '#validators/auth'
import SendLoginLink from '#actions/auth/send_login_link'
import ResetPassword from '#actions/auth/reset_password'
import { findValidToken } from '#actions/auth/consume_login_token'

export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgot_password')
  }

  async store({ request, response, session, i18n }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    const allowed = await limiter
      .use({ requests: 5, duration: '15 mins' })
      .attempt(`reset_${request.ip()}`, async () => true)
    if (!allowed) {
      session.flash('error', i18n.t('auth.login.too_many_requests'))
      return response.redirect().toRoute('auth.password_reset.create')
    }

    await new SendLoginLink().handle({ email, kind: 'password_reset' })
    session.flash('linkSentTo', email)
    return response.redirect().toRoute('auth.link_sent')
  }

  async edit({ params, view }: HttpContext) {
    const valid = await findValidToken(params.token, 'password_reset')
    return view.render('pages/auth/reset_password', { token: params.token, valid: !!valid })
  }

  async update({ params, request, response, session, i18n }: HttpContext) {
    const { password } = await request.validateUsing(resetPasswordValidator)
    const user = await new ResetPassword().handle({ token: params.token, password })
    if (!user) {
      session.flash('error', i18n.t('auth.magic_link.used_up'))
      return response.redirect().toRoute('auth.password_reset.create')
    }
    session.flash('success', i18n.t('auth.password_reset.done'))
    return response.redirect().toRoute('auth.login.show')
  }

  async sent({ view, session }: HttpContext) {
    return view.render('pages/auth/link_sent', { email: session.flashMessages.get('linkSentTo') })
  }
}
