import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Organization from '#models/organization'
import { UserFactory } from '#database/factories/user_factory'
import { SiteFactory } from '#database/factories/site_factory'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { CohortFactory } from '#database/factories/cohort_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { PartnerCompanyFactory } from '#database/factories/partner_company_factory'
import { nth, pad, siret } from '#database/factories/helpers'

const NAMES = [
  'Trajectoire Numérique',
  'Passerelles Emploi',
  'Clic & Compétences',
  'Femmes du Numérique',
  'Tremplin Formation',
]

let n = 0

export const OrganizationFactory = factory
  .define(Organization, () => {
    n++
    return {
      name: `${nth(NAMES, n)} ${n}`,
      slug: `organisation-${n}`,
      siret: siret(1_000 + n),
      nda: `28${pad(n, 9)}`,
      qualiopiStatus: 'certified' as const,
      qualiopiValidUntil: DateTime.fromISO('2027-12-31'),
      retentionRejectedYears: 2,
      retentionAttendanceYears: 6,
      retentionAttendanceEsfYears: 10,
    }
  })
  .relation('users', () => UserFactory)
  .relation('sites', () => SiteFactory)
  .relation('programmes', () => ProgrammeFactory)
  .relation('cohorts', () => CohortFactory)
  .relation('trainees', () => TraineeFactory)
  .relation('partnerCompanies', () => PartnerCompanyFactory)
  .build()
