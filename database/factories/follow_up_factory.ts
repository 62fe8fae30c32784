import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import FollowUp from '#models/follow_up'
import Enrollment from '#models/enrollment'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { defaultCohortDates, organizationIdFor, willCreate } from '#database/factories/helpers'

/**
 * The 3-month follow-up of a default cohort's exit, due. One per
 * checkpoint and enrollment: the states `m6` and `m12` give the others.
 */
export const FollowUpFactory = factory
  .define(FollowUp, () => ({
    checkpoint: 'm3' as const,
    dueOn: defaultCohortDates().endsOn.plus({ months: 3 }),
    status: 'due' as const,
    sentAt: null,
    remindedAt: null,
    answeredAt: null,
    closedAt: null,
  }))
  .state('m6', (followUp) => {
    followUp.checkpoint = 'm6'
    followUp.dueOn = defaultCohortDates().endsOn.plus({ months: 6 })
  })
  .state('m12', (followUp) => {
    followUp.checkpoint = 'm12'
    followUp.dueOn = defaultCohortDates().endsOn.plus({ months: 12 })
  })
  .state('sent', (followUp) => {
    followUp.status = 'sent'
    followUp.sentAt = DateTime.now()
  })
  .state('answered', (followUp) => {
    followUp.status = 'answered'
    followUp.sentAt = DateTime.now().minus({ days: 3 })
    followUp.answeredAt = DateTime.now()
  })
  .relation('enrollment', () => EnrollmentFactory)
  .before('create', async (builder, followUp, ctx) => {
    followUp.organizationId ??= await organizationIdFor(builder, ctx, [
      [Enrollment, followUp.enrollmentId],
    ])
    if (!followUp.enrollmentId && !willCreate(builder, 'enrollment')) {
      const enrollment = await EnrollmentFactory.merge({ organizationId: followUp.organizationId })
        .useCtx(ctx)
        .create()
      followUp.enrollmentId = enrollment.id
    }
  })
  .build()
