import db from '@adonisjs/lucid/services/db'
import type PartnerCompany from '#models/partner_company'
import ClassSession from '#models/class_session'
import Internship from '#models/internship'
import Outcome from '#models/outcome'

/**
 * Everything the company page shows: contacts, and its history — visits
 * (sessions tied to it), internships and hires — each list in one query,
 * with the trainee and cohort names joined in (`$extras`).
 */
export default class BuildCompanyPage {
  async handle({ company }: { company: PartnerCompany }) {
    const [contacts, visits, internships, hires] = await Promise.all([
      company.related('contacts').query().orderBy('full_name').orderBy('id'),
      ClassSession.query()
        .where('class_sessions.organization_id', company.organizationId)
        .where('class_sessions.partner_company_id', company.id)
        .join('cohorts', 'cohorts.id', 'class_sessions.cohort_id')
        .join('programme_modules', 'programme_modules.id', 'class_sessions.programme_module_id')
        .select('class_sessions.*')
        .select('cohorts.name as cohort_name', 'programme_modules.title as module_title')
        .orderBy('class_sessions.starts_at', 'desc'),
      Internship.query()
        .where('internships.organization_id', company.organizationId)
        .where('internships.partner_company_id', company.id)
        .join('enrollments', 'enrollments.id', 'internships.enrollment_id')
        .join('trainees', 'trainees.id', 'enrollments.trainee_id')
        .join('cohorts', 'cohorts.id', 'enrollments.cohort_id')
        .select('internships.*')
        .select(
          'trainees.first_name as trainee_first_name',
          'trainees.last_name as trainee_last_name',
          'cohorts.name as cohort_name'
        )
        .orderBy('internships.starts_on', 'desc'),
      Outcome.query()
        .where('outcomes.organization_id', company.organizationId)
        .where('outcomes.situation', 'employed')
        .where((match) => {
          match.where('outcomes.partner_company_id', company.id)
          if (company.siret) {
            match.orWhere((bySiret) =>
              bySiret
                .whereNull('outcomes.partner_company_id')
                .where('outcomes.employer_siret', company.siret!)
            )
          }
        })
        .join('enrollments', 'enrollments.id', 'outcomes.enrollment_id')
        .join('trainees', 'trainees.id', 'enrollments.trainee_id')
        .join('cohorts', 'cohorts.id', 'enrollments.cohort_id')
        .select('outcomes.*')
        .select(
          'trainees.first_name as trainee_first_name',
          'trainees.last_name as trainee_last_name',
          'cohorts.name as cohort_name'
        )
        .orderBy('outcomes.observed_on', 'desc'),
    ])
    return { company, contacts, visits, internships, hires }
  }
}

/**
 * What keeps a company from being deleted: its history. Outcomes matched
 * by SIRET only are not linked to the record, so they do not count here.
 */
export async function companyHistoryCounts(companyId: number, client = db.connection()) {
  const count = async (table: string) => {
    const [row] = await client
      .from(table)
      .where('partner_company_id', companyId)
      .count('* as total')
    return Number(row.total)
  }
  // One after the other: inside a transaction the queries share a connection.
  const visits = await count('class_sessions')
  const internships = await count('internships')
  const outcomes = await count('outcomes')
  return { visits, internships, outcomes }
}
