import type { HttpContext } from '@adonisjs/core/http'
import { ROLE_HOME_ROUTES } from '#services/role_home'

/**
 * Sends each signed-in person to the home page of their role.
 */
export default class DashboardController {
  async show({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    return response.redirect().toRoute(ROLE_HOME_ROUTES[user.role])
  }
}
