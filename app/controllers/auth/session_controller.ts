import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import { loginValidator } from '#validators/auth'
import { errors } from '@adonisjs/auth'

/**
 * Checks the credentials of an active account. Accounts without a password
 * (trainees signing in by emailed link) and disabled ones are refused with
 * the same error as a wrong password.
 */
async function verify(email: string, password: string) {
  const account = await User.findBy('email', email)
  if (!account?.password || !account.isActive) {
    throw new errors.E_INVALID_CREDENTIALS('Invalid user credentials')
  }
  return User.verifyCredentials(email, password)
}

export default class SessionController {
  async show({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /**
   * Signs in with email and password. Five wrong passwords for one address
   * from one network block further tries for 15 minutes.
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const loginLimiter = limiter.use({ requests: 5, duration: '1 min', blockDuration: '15 mins' })
    const key = `login_${request.ip()}_${email}`

    let user: User | null = null
    let blocked: string | null = null
    try {
      const [error, verified] = await loginLimiter.penalize(key, () => verify(email, password))
      if (error) {
        const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
        blocked = i18n.t('auth.login.too_many_attempts', { minutes })
      }
      user = verified
    } catch (error) {
      if (!(error instanceof errors.E_INVALID_CREDENTIALS)) throw error
    }

    if (!user) {
      session.flash('error', blocked ?? i18n.t('auth.login.wrong_credentials'))
      session.flashExcept(['password'])
      return response.redirect().toRoute('auth.login.show')
    }

    await auth.use('web').login(user)
    user.lastLoginAt = DateTime.now()
    await user.save()
    session.put('locale', user.locale)
    return response.redirect().toRoute('dashboard')
  }

  async destroy({ response, auth, session, i18n }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', i18n.t('auth.logout.done'))
    return response.redirect().toRoute('home')
  }
}
