import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')
const enrollmentId = (side: Side) => ({ id: side.enrollment.id })
const cohortId = (side: Side) => ({ id: side.cohort.id })

/**
 * Exits and outcomes. The world's enrollment is still in training: its
 * exit form opens, a closing with a reason validation refuses is sent
 * back, and an observation is refused (no exit yet), so nothing changes
 * between visits.
 */
export const outcomes: Record<string, MatrixEntry> = {
  'coordinator.enrollments.exit.show': {
    expect: managers,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.enrollments.exit.store': {
    expect: managersRedirected,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ exit_on: 'pas-une-date', exit_reason: 'not-a-reason' }),
  },
  'coordinator.enrollments.outcomes.show': {
    expect: managers,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.enrollments.outcomes.store': {
    expect: managersRedirected,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ checkpoint: 'm6', situation: 'unknown', source: 'phone' }),
  },
  'coordinator.cohorts.results': { expect: managers, params: cohortId, scoped: true },
}
