import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Role } from '#enums/role'

/**
 * Lets through only the signed-in users holding one of the given roles.
 * Must run after the "auth" middleware.
 */
export default class RoleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { roles: Role[] }) {
    const user = ctx.auth.getUserOrFail()
    if (!options.roles.includes(user.role)) {
      return ctx.response.forbidden(await ctx.view.render('pages/errors/forbidden'))
    }
    return next()
  }
}
