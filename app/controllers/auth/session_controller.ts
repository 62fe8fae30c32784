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

/**
 * Wrong passwords for one address from one network: the sixth try within a
 * minute is refused for 15 minutes.
 */
export const LOGIN_ATTEMPTS = { requests: 5, duration: '1 min', blockDuration: '15 mins' } as const

/**
 * Wrong passwords from one network, whatever the address (trying one
 * password on many accounts): generous for a training centre's shared
 * connection, the 31st within 15 minutes is refused for 15 minutes.
 */
export const LOGIN_ATTEMPTS_PER_NETWORK = {
  requests: 30,
  duration: '15 mins',
  blockDuration: '15 mins',
} as const

export default class SessionController {
  async show({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /**
   * Signs in with email and password. Wrong passwords are counted per
   * address and network (LOGIN_ATTEMPTS) and per network
   * (LOGIN_ATTEMPTS_PER_NETWORK); past either limit the form says how long
   * to wait, with no check of the password.
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const loginLimiter = limiter.use(LOGIN_ATTEMPTS)
    const networkLimiter = limiter.use(LOGIN_ATTEMPTS_PER_NETWORK)
    const key = `login_${request.ip()}_${email}`
    const networkKey = `login_ip_${request.ip()}`

    let user: User | null = null
    let blocked: string | null = null
    const waitFor = (seconds: number) =>
      i18n.t('auth.login.too_many_attempts', { minutes: Math.max(1, Math.ceil(seconds / 60)) })
    const networkWait = await networkLimiter.availableIn(networkKey)
    if (networkWait > 0) {
      blocked = waitFor(networkWait)
    } else {
      try {
        const [error, verified] = await loginLimiter.penalize(key, () => verify(email, password))
        if (error) blocked = waitFor(error.response.availableIn)
        user = verified
      } catch (error) {
        if (!(error instanceof errors.E_INVALID_CREDENTIALS)) throw error
        const { consumed, limit } = await networkLimiter.increment(networkKey)
        if (consumed >= limit) {
          await networkLimiter.block(networkKey, LOGIN_ATTEMPTS_PER_NETWORK.blockDuration)
        }
      }
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
