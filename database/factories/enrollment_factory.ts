import factory from '@adonisjs/lucid/factories'
import Enrollment from '#models/enrollment'
import Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import { CohortFactory } from '#database/factories/cohort_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { AttendanceRecordFactory } from '#database/factories/attendance_record_factory'
import { InternshipFactory } from '#database/factories/internship_factory'
import { OutcomeFactory } from '#database/factories/outcome_factory'
import { FollowUpFactory } from '#database/factories/follow_up_factory'
import { defaultCohortDates, organizationIdFor, willCreate } from '#database/factories/helpers'

/**
 * An active trainee of a cohort, over a default cohort's dates; cohort and
 * trainee are of one organisation (created unless given).
 */
export const EnrollmentFactory = factory
  .define(Enrollment, () => {
    const { startsOn, endsOn } = defaultCohortDates()
    return {
      status: 'active' as const,
      startsOn,
      endsOn,
      exitOn: null,
      exitReason: null,
      certificationResult: null,
    }
  })
  .state('enrolled', (enrollment) => {
    enrollment.status = 'enrolled'
  })
  .state('completed', (enrollment) => {
    enrollment.status = 'completed'
    enrollment.exitOn = enrollment.endsOn
    enrollment.exitReason = 'completed'
    enrollment.certificationResult = 'passed'
  })
  .state('droppedOut', (enrollment) => {
    enrollment.status = 'dropped_out'
    enrollment.exitOn = enrollment.startsOn.plus({ weeks: 3 })
    enrollment.exitReason = 'found_job'
  })
  .relation('cohort', () => CohortFactory)
  .relation('trainee', () => TraineeFactory)
  .relation('attendanceRecords', () => AttendanceRecordFactory)
  .relation('internships', () => InternshipFactory)
  .relation('outcomes', () => OutcomeFactory)
  .relation('followUps', () => FollowUpFactory)
  .before('create', async (builder, enrollment, ctx) => {
    enrollment.organizationId ??= await organizationIdFor(builder, ctx, [
      [Cohort, enrollment.cohortId],
      [Trainee, enrollment.traineeId],
    ])
    const inOrganization = { organizationId: enrollment.organizationId }
    if (!enrollment.cohortId && !willCreate(builder, 'cohort')) {
      const cohort = await CohortFactory.merge(inOrganization).useCtx(ctx).create()
      enrollment.cohortId = cohort.id
    }
    if (!enrollment.traineeId && !willCreate(builder, 'trainee')) {
      const trainee = await TraineeFactory.merge(inOrganization).useCtx(ctx).create()
      enrollment.traineeId = trainee.id
    }
  })
  .build()
