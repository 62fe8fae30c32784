import factory from '@adonisjs/lucid/factories'
import Outcome from '#models/outcome'
import Enrollment from '#models/enrollment'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { PartnerCompanyFactory } from '#database/factories/partner_company_factory'
import { UserFactory } from '#database/factories/user_factory'
import {
  defaultCohortDates,
  organizationIdFor,
  siret,
  willCreate,
} from '#database/factories/helpers'

let n = 0

/**
 * At exit: a 6-month full-time CDD, declared by the trainee.
 */
export const OutcomeFactory = factory
  .define(Outcome, () => {
    n++
    const { endsOn } = defaultCohortDates()
    return {
      checkpoint: 'exit' as const,
      observedOn: endsOn,
      situation: 'employed' as const,
      contractType: 'cdd' as const,
      contractMonths: 6,
      workingTime: 'full_time' as const,
      contractStartOn: endsOn.plus({ days: 7 }),
      employerName: `Mutuelle Solidaire ${n}`,
      employerSiret: siret(90_000 + n),
      partnerCompanyId: null,
      jobTitle: 'Employée administrative',
      source: 'declared' as const,
      recordedById: null,
    }
  })
  .state('cdi', (outcome) => {
    outcome.contractType = 'cdi'
    outcome.contractMonths = null
  })
  .state('jobSeeking', (outcome) => {
    outcome.situation = 'job_seeking'
    outcome.contractType = null
    outcome.contractMonths = null
    outcome.workingTime = null
    outcome.contractStartOn = null
    outcome.employerName = null
    outcome.employerSiret = null
    outcome.jobTitle = null
  })
  .state('training', (outcome) => {
    outcome.situation = 'training'
    outcome.contractType = null
    outcome.contractMonths = null
    outcome.workingTime = null
    outcome.contractStartOn = null
    outcome.employerName = null
    outcome.employerSiret = null
    outcome.jobTitle = null
  })
  .state('m6', (outcome) => {
    outcome.checkpoint = 'm6'
    outcome.observedOn = outcome.observedOn.plus({ months: 6 })
    outcome.source = 'phone'
  })
  .relation('enrollment', () => EnrollmentFactory)
  .relation('partnerCompany', () => PartnerCompanyFactory)
  .relation('recordedBy', () => UserFactory)
  .before('create', async (builder, outcome, ctx) => {
    outcome.organizationId ??= await organizationIdFor(builder, ctx, [
      [Enrollment, outcome.enrollmentId],
    ])
    if (!outcome.enrollmentId && !willCreate(builder, 'enrollment')) {
      const enrollment = await EnrollmentFactory.merge({ organizationId: outcome.organizationId })
        .useCtx(ctx)
        .create()
      outcome.enrollmentId = enrollment.id
    }
  })
  .build()
