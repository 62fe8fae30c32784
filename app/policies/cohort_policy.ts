import type User from '#models/user'
import type Cohort from '#models/cohort'
import BasePolicy from '#policies/base_policy'
import db from '@adonisjs/lucid/services/db'

export default class CohortPolicy extends BasePolicy {
  /**
   * Staff of the organisation, a funder that funds the cohort, a trainee
   * enrolled in it.
   */
  async view(user: User, cohort: Cohort) {
    if (this.isStaffOf(user, cohort)) return true
    if (user.isFunder && user.funderId) {
      const funded = await db
        .from('cohort_funders')
        .where('cohort_id', cohort.id)
        .where('funder_id', user.funderId)
        .first()
      return !!funded
    }
    if (user.isTrainee && this.inOrganization(user, cohort)) {
      const enrolled = await db
        .from('enrollments')
        .join('trainees', 'trainees.id', 'enrollments.trainee_id')
        .where('enrollments.cohort_id', cohort.id)
        .where('trainees.user_id', user.id)
        .first()
      return !!enrolled
    }
    return false
  }

  create(user: User) {
    return user.isManager && user.organizationId !== null
  }

  update(user: User, cohort: Cohort) {
    return this.isManagerOf(user, cohort)
  }

  delete(user: User, cohort: Cohort) {
    return this.isManagerOf(user, cohort)
  }
}
