import type User from '#models/user'
import BasePolicy from '#policies/base_policy'

/**
 * Accounts are managed by the admins of their organisation.
 */
export default class UserPolicy extends BasePolicy {
  viewList(user: User) {
    return user.isAdmin && user.organizationId !== null
  }

  manage(user: User, account: User) {
    return user.isAdmin && this.inOrganization(user, account)
  }
}
