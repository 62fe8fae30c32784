/*
|--------------------------------------------------------------------------
| Bouncer policies
|--------------------------------------------------------------------------
|
| Every policy is registered here by name, so that controllers and Edge
| templates (`@can('CohortPolicy.view', cohort)`) can use it.
|
*/

export const policies = {}
