import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import UserPolicy from '#policies/user_policy'

export default class UsersController {
  /**
   * The organisation's accounts.
   */
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(UserPolicy).authorize('viewList')
    const admin = auth.getUserOrFail()
    const users = await User.query()
      .where('organization_id', admin.organizationId!)
      .orderBy('role', 'asc')
      .orderBy('full_name', 'asc')
    return view.render('pages/admin/users', { users })
  }
}
