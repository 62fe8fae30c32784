import type User from '#models/user'
import type Application from '#models/application'
import BasePolicy from '#policies/base_policy'

export default class ApplicationPolicy extends BasePolicy {
  view(user: User, application: Application) {
    return this.isManagerOf(user, application)
  }

  update(user: User, application: Application) {
    return this.isManagerOf(user, application)
  }
}
