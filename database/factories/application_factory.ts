import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import Application from '#models/application'
import Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import { CohortFactory } from '#database/factories/cohort_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { ApplicationStatusChangeFactory } from '#database/factories/application_status_change_factory'
import { organizationIdFor, willCreate } from '#database/factories/helpers'

const MOTIVATIONS = [
  'Je veux apprendre à me servir d’un ordinateur pour trouver un travail.',
  'J’aimerais reprendre un emploi après avoir élevé mes enfants.',
  'Je veux travailler dans le numérique et passer un diplôme.',
]

let n = 0

/**
 * A fresh application sent through France Travail, with consent, to a
 * cohort and from a trainee of the same organisation.
 */
export const ApplicationFactory = factory
  .define(Application, () => {
    n++
    return {
      source: 'france_travail' as const,
      motivation: MOTIVATIONS[(n - 1) % MOTIVATIONS.length],
      status: 'submitted' as const,
      eligibility: null,
      eligible: null,
      rgpdConsentAt: DateTime.now(),
      lastContactAt: DateTime.now(),
    }
  })
  .state('eligible', (application) => {
    application.eligible = true
    application.eligibility = { result: 'eligible', reasons: [] }
  })
  .state('ineligible', (application) => {
    application.eligible = false
    application.eligibility = { result: 'ineligible', reasons: ['qualification_too_high'] }
  })
  .state('admitted', (application) => {
    application.status = 'admitted'
    application.eligible = true
    application.eligibility = { result: 'eligible', reasons: [] }
  })
  .state('rejected', (application) => {
    application.status = 'rejected'
  })
  .relation('cohort', () => CohortFactory)
  .relation('trainee', () => TraineeFactory)
  .relation('statusChanges', () => ApplicationStatusChangeFactory)
  .before('create', async (builder, application, ctx) => {
    application.organizationId ??= await organizationIdFor(builder, ctx, [
      [Cohort, application.cohortId],
      [Trainee, application.traineeId],
    ])
    const inOrganization = { organizationId: application.organizationId }
    if (!application.cohortId && !willCreate(builder, 'cohort')) {
      const cohort = await CohortFactory.merge(inOrganization).useCtx(ctx).create()
      application.cohortId = cohort.id
    }
    if (!application.traineeId && !willCreate(builder, 'trainee')) {
      const trainee = await TraineeFactory.merge(inOrganization).useCtx(ctx).create()
      application.traineeId = trainee.id
    }
  })
  .build()
