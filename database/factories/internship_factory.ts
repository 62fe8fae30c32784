import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import Internship from '#models/internship'
import Enrollment from '#models/enrollment'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { PartnerCompanyFactory } from '#database/factories/partner_company_factory'
import { CompanyContactFactory } from '#database/factories/company_contact_factory'
import {
  defaultCohortDates,
  findIn,
  organizationIdFor,
  willCreate,
} from '#database/factories/helpers'

/**
 * A signed two-week, 70-hour stage in the middle of a default cohort, at
 * a partner company of the enrollment's organisation, with a tutor from
 * that company (created unless given; `tutorContactId: null` for none).
 */
export const InternshipFactory = factory
  .define(Internship, () => {
    const startsOn = defaultCohortDates().startsOn.plus({ weeks: 6 })
    return {
      kind: 'stage' as const,
      prescriber: null,
      startsOn,
      endsOn: startsOn.plus({ days: 11 }),
      hoursTotal: 70,
      weeklyHours: 35,
      place: 'Accueil et secrétariat',
      tasks: 'Accueillir le public, répondre au téléphone, classer des documents numériques.',
      objectives: 'Découvrir le métier d’agent·e d’accueil et mettre en pratique la bureautique.',
      evaluationMethod: 'Grille d’évaluation remplie par la tutrice en fin de stage.',
      status: 'signed' as const,
      evaluation: null,
      evaluatedAt: null,
    }
  })
  .state('pmsmp', (internship) => {
    internship.kind = 'pmsmp'
    internship.prescriber = 'France Travail'
  })
  .state('draft', (internship) => {
    internship.status = 'draft'
  })
  .state('completed', (internship) => {
    internship.status = 'completed'
    internship.evaluation = {
      punctuality: 'very_good',
      autonomy: 'good',
      comment: 'Très investie.',
    }
    internship.evaluatedAt = DateTime.now()
  })
  .relation('enrollment', () => EnrollmentFactory)
  .relation('partnerCompany', () => PartnerCompanyFactory)
  .relation('tutor', () => CompanyContactFactory)
  .before('create', async (builder, internship, ctx) => {
    internship.organizationId ??= await organizationIdFor(builder, ctx, [
      [Enrollment, internship.enrollmentId],
      [PartnerCompany, internship.partnerCompanyId],
      [CompanyContact, internship.tutorContactId],
    ])
    const inOrganization = { organizationId: internship.organizationId }
    if (!internship.partnerCompanyId && internship.tutorContactId) {
      const tutor = await findIn(CompanyContact, internship.tutorContactId, ctx)
      internship.partnerCompanyId = tutor.partnerCompanyId
    }
    if (!internship.partnerCompanyId && !willCreate(builder, 'partnerCompany')) {
      const company = await PartnerCompanyFactory.merge(inOrganization).useCtx(ctx).create()
      internship.partnerCompanyId = company.id
    }
    if (!internship.enrollmentId && !willCreate(builder, 'enrollment')) {
      const enrollment = await EnrollmentFactory.merge(inOrganization).useCtx(ctx).create()
      internship.enrollmentId = enrollment.id
    }
    if (
      internship.tutorContactId === undefined &&
      internship.partnerCompanyId &&
      !willCreate(builder, 'tutor')
    ) {
      const tutor = await CompanyContactFactory.merge({
        ...inOrganization,
        partnerCompanyId: internship.partnerCompanyId,
        role: 'Tutrice de stage',
      })
        .useCtx(ctx)
        .create()
      internship.tutorContactId = tutor.id
    }
  })
  .build()
