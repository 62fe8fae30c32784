import { BasePolicy as BouncerBasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Shared helpers: every rule starts from the signed-in user's organisation.
 * There is no blanket `before()` for admins: an admin is an admin of one
 * organisation only.
 */
export default class BasePolicy extends BouncerBasePolicy {
  protected inOrganization(user: User, record: { organizationId: number | null }) {
    return user.organizationId !== null && user.organizationId === record.organizationId
  }

  protected isManagerOf(user: User, record: { organizationId: number | null }) {
    return user.isManager && this.inOrganization(user, record)
  }

  protected isStaffOf(user: User, record: { organizationId: number | null }) {
    return (user.isManager || user.isTrainer) && this.inOrganization(user, record)
  }
}
