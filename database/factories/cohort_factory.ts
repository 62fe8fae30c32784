import factory from '@adonisjs/lucid/factories'
import Cohort from '#models/cohort'
import Programme from '#models/programme'
import Site from '#models/site'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { SiteFactory } from '#database/factories/site_factory'
import { UserFactory } from '#database/factories/user_factory'
import { FunderFactory } from '#database/factories/funder_factory'
import { ClassSessionFactory } from '#database/factories/class_session_factory'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { ApplicationFactory } from '#database/factories/application_factory'
import { defaultCohortDates, organizationIdFor, willCreate } from '#database/factories/helpers'

let n = 0

/**
 * A running 12-week cohort of 12 places, with a programme and a site of
 * its organisation (created unless given).
 */
export const CohortFactory = factory
  .define(Cohort, () => {
    n++
    return {
      name: `Promotion ${n}`,
      ...defaultCohortDates(),
      capacity: 12,
      status: 'running' as const,
      esfCofinanced: false,
    }
  })
  .state('planned', (cohort) => {
    cohort.status = 'planned'
  })
  .state('recruiting', (cohort) => {
    cohort.status = 'recruiting'
  })
  .state('completed', (cohort) => {
    cohort.status = 'completed'
  })
  .state('cancelled', (cohort) => {
    cohort.status = 'cancelled'
  })
  .state('esfCofinanced', (cohort) => {
    cohort.esfCofinanced = true
  })
  .relation('programme', () => ProgrammeFactory)
  .relation('site', () => SiteFactory)
  .relation('coordinator', () => UserFactory)
  .relation('funders', () => FunderFactory)
  .relation('classSessions', () => ClassSessionFactory)
  .relation('enrollments', () => EnrollmentFactory)
  .relation('applications', () => ApplicationFactory)
  .before('create', async (builder, cohort, ctx) => {
    cohort.organizationId ??= await organizationIdFor(builder, ctx, [
      [Programme, cohort.programmeId],
      [Site, cohort.siteId],
    ])
    const inOrganization = { organizationId: cohort.organizationId }
    if (!cohort.programmeId && !willCreate(builder, 'programme')) {
      const programme = await ProgrammeFactory.merge(inOrganization).useCtx(ctx).create()
      cohort.programmeId = programme.id
    }
    if (!cohort.siteId && !willCreate(builder, 'site')) {
      const site = await SiteFactory.merge(inOrganization).useCtx(ctx).create()
      cohort.siteId = site.id
    }
  })
  .build()

/**
 * Pivot values for `CohortFactory.with('funders', 1, fundedPlaces(12))`:
 * the places funded, and the cohort's organisation the row belongs to.
 */
export function fundedPlaces(placesFunded: number) {
  return (funder: {
    parent: Cohort
    pivotAttributes(attributes: Record<string, unknown>): unknown
  }) => {
    funder.pivotAttributes({
      places_funded: placesFunded,
      organization_id: funder.parent.organizationId,
    })
  }
}
