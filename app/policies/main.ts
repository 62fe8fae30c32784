/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Every policy is registered here by name, so that controllers and Edge
| templates (`@can('CohortPolicy.view', cohort)`) can use it.
|
*/

export const policies = {
  ApplicationPolicy: () => import('#policies/application_policy'),
  ClassSessionPolicy: () => import('#policies/class_session_policy'),
  CohortPolicy: () => import('#policies/cohort_policy'),
  ExportRunPolicy: () => import('#policies/export_run_policy'),
  TraineePolicy: () => import('#policies/trainee_policy'),
  UserPolicy: () => import('#policies/user_policy'),
}
