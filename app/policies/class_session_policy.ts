import type User from '#models/user'
import type ClassSession from '#models/class_session'
import BasePolicy from '#policies/base_policy'

export default class ClassSessionPolicy extends BasePolicy {
  view(user: User, session: ClassSession) {
    return this.isStaffOf(user, session)
  }

  /**
   * The roll call is taken by the session's own trainer, or by a
   * coordinator or admin of the organisation.
   */
  takeRollCall(user: User, session: ClassSession) {
    if (this.isManagerOf(user, session)) return true
    return user.isTrainer && this.inOrganization(user, session) && session.trainerId === user.id
  }

  update(user: User, session: ClassSession) {
    return this.isManagerOf(user, session)
  }
}
