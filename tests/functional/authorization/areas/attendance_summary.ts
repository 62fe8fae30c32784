import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

/**
 * Hours, rates and alerts: the cohort's attendance page, acknowledging an
 * alert (keyed by the enrollment; the body's kind is refused by
 * validation, so nothing changes between visits) and the trainee's own
 * "Mes présences" (no id: only ever their own).
 */
export const attendanceSummary: Record<string, MatrixEntry> = {
  'coordinator.cohorts.attendance.show': {
    expect: signedIn(['admin', 'coordinator']),
    params: (side: Side) => ({ id: side.cohort.id }),
    scoped: true,
  },
  'coordinator.attendance_alerts.acknowledge': {
    expect: signedIn(['admin', 'coordinator'], 'redirect'),
    params: (side: Side) => ({ id: side.enrollment.id }),
    scoped: true,
    traineeScoped: true,
    body: () => ({ kind: 'not-a-kind' }),
  },
  'trainee.attendance': { expect: signedIn(['trainee']) },
}
