import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/**
 * Auth middleware is used authenticate HTTP requests and deny
 * access to unauthenticated users.
 */
export default class AuthMiddleware {
  /**
   * The URL to redirect to, when authentication fails
   */
  redirectTo = '/connexion'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: {
      guards?: (keyof Authenticators)[]
    } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    /**
     * An account disabled since sign-in (e.g. its person was anonymised)
     * loses its open sessions too.
     */
    if (ctx.auth.user && !ctx.auth.user.isActive) {
      await ctx.auth.use('web').logout()
      return ctx.response.redirect(this.redirectTo)
    }
    return next()
  }
}
