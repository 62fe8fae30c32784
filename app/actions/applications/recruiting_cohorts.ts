import Cohort from '#models/cohort'

/**
 * The cohorts open to applications, across organisations (the public form
 * needs no account), soonest first, with what a visitor needs to choose.
 */
export function listRecruitingCohorts() {
  return Cohort.query()
    .withScopes((scopes) => scopes.recruiting())
    .preload('programme')
    .preload('site')
    .preload('organization')
    .orderBy('starts_on')
    .orderBy('id')
}

/**
 * A cohort open to applications; any other id or status is a 404.
 */
export function findRecruitingCohort(id: unknown) {
  return Cohort.query()
    .withScopes((scopes) => scopes.recruiting())
    .where('id', Number(id))
    .preload('programme')
    .preload('site')
    .preload('organization')
    .firstOrFail()
}
