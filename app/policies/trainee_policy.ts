import type User from '#models/user'
import type Trainee from '#models/trainee'
import BasePolicy from '#policies/base_policy'

export default class TraineePolicy extends BasePolicy {
  /**
   * Staff of the organisation, or the trainee themself.
   */
  view(user: User, trainee: Trainee) {
    if (this.isStaffOf(user, trainee)) return true
    return user.isTrainee && trainee.userId === user.id
  }

  update(user: User, trainee: Trainee) {
    return this.isManagerOf(user, trainee)
  }

  /**
   * RQTH is health data: coordinators and admins of the organisation only.
   */
  viewHealthData(user: User, trainee: Trainee) {
    return this.isManagerOf(user, trainee)
  }
}
