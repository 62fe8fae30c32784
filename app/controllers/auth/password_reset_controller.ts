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

  async store({ request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(emailOnlyValidator)
    const allowed = await limiter
      .use({ requests: 5, duration: '15 mins' })
      .attempt(`reset_${request.ip()}`, async () => true)
    if (!allowed) {
      session.flash('error', 'Trop de demandes. Réessayez dans quelques minutes.')
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

  async update({ params, request, response, session }: HttpContext) {
    const { password } = await request.validateUsing(resetPasswordValidator)
    const user = await new ResetPassword().handle({ token: params.token, password })
    if (!user) {
      session.flash('error', 'Ce lien ne marche plus. Demandez un nouveau lien.')
      return response.redirect().toRoute('auth.password_reset.create')
    }
    session.flash('success', 'Votre mot de passe est changé. Connectez-vous avec lui.')
    return response.redirect().toRoute('auth.login.show')
  }

  async sent({ view, session }: HttpContext) {
    return view.render('pages/auth/link_sent', { email: session.flashMessages.get('linkSentTo') })
  }
}
