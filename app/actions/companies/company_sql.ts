/**
 * SQL fragments shared by the directory and the company page, correlated
 * to the outer `partner_companies` row. A "hire" is a trainee (counted
 * once, whatever the checkpoint) found employed by the company: linked to
 * it, or, when the outcome is not linked, with the company's SIRET.
 */
export const VISITS_COUNT_SQL = `(select count(*) from class_sessions
  where class_sessions.partner_company_id = partner_companies.id
  and not class_sessions.is_cancelled)`

export const INTERNSHIPS_COUNT_SQL = `(select count(*) from internships
  where internships.partner_company_id = partner_companies.id)`

export const HIRES_COUNT_SQL = `(select count(distinct outcomes.enrollment_id) from outcomes
  where outcomes.organization_id = partner_companies.organization_id
  and outcomes.situation = 'employed'
  and (outcomes.partner_company_id = partner_companies.id
    or (outcomes.partner_company_id is null
      and partner_companies.siret is not null
      and outcomes.employer_siret = partner_companies.siret)))`
