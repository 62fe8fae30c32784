import router from '@adonisjs/core/services/router'
import type { MatrixEntry } from '#tests/functional/authorization/expectations'
import { foundation } from '#tests/functional/authorization/areas/foundation'
import { plannings } from '#tests/functional/authorization/areas/plannings'
import { programmes } from '#tests/functional/authorization/areas/programmes'
import { schedules } from '#tests/functional/authorization/areas/schedules'
import { cohorts } from '#tests/functional/authorization/areas/cohorts'
import { sessions } from '#tests/functional/authorization/areas/sessions'
import { apply } from '#tests/functional/authorization/areas/apply'
import { applications } from '#tests/functional/authorization/areas/applications'
import { selection } from '#tests/functional/authorization/areas/selection'
import { admission } from '#tests/functional/authorization/areas/admission'
import { imports } from '#tests/functional/authorization/areas/imports'
import { rollCall } from '#tests/functional/authorization/areas/roll_call'
import { attendanceSummary } from '#tests/functional/authorization/areas/attendance_summary'
import { absences } from '#tests/functional/authorization/areas/absences'
import { internships } from '#tests/functional/authorization/areas/internships'
import { companies } from '#tests/functional/authorization/areas/companies'
import { followUps } from '#tests/functional/authorization/areas/follow_ups'
import { evaluations } from '#tests/functional/authorization/areas/evaluations'
import { outcomes } from '#tests/functional/authorization/areas/outcomes'
import { bpf } from '#tests/functional/authorization/areas/bpf'
import { funderPortal } from '#tests/functional/authorization/areas/funder_portal'
import { exportRuns } from '#tests/functional/authorization/areas/exports'
import { qualiopi } from '#tests/functional/authorization/areas/qualiopi'
import { health } from '#tests/functional/authorization/areas/health'
import { privacy } from '#tests/functional/authorization/areas/privacy'

/**
 * The matrix by area (one file each under areas/): the fuzz suite builds a
 * fresh world per area.
 */
export const AREAS: Record<string, Record<string, MatrixEntry>> = {
  foundation,
  plannings,
  programmes,
  schedules,
  cohorts,
  sessions,
  apply,
  applications,
  selection,
  admission,
  imports,
  rollCall,
  attendanceSummary,
  absences,
  internships,
  companies,
  followUps,
  evaluations,
  outcomes,
  bpf,
  funderPortal,
  exportRuns,
  qualiopi,
  health,
  privacy,
}

/**
 * Every registered route must appear in one of the area files: a new route
 * without an entry fails the suite (the authorization matrix, the fuzz and
 * accessibility suites all walk this one map).
 */
export const MATRIX: Record<string, MatrixEntry> = Object.assign({}, ...Object.values(AREAS))

/**
 * Every route the router holds (HEAD twins left out), with its name,
 * pattern and first method.
 */
export function registeredRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => !route.methods.every((method) => method === 'HEAD'))
    .map((route) => ({ name: route.name!, pattern: route.pattern, method: route.methods[0] }))
}
