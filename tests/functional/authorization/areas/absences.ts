import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')
const cohortId = (side: Side) => ({ id: side.cohort.id })
const attendanceId = (side: Side) => ({ id: side.attendance.id })
const statement = (side: Side) => ({ id: side.cohort.id, enrollmentId: side.enrollment.id })

/**
 * Absences and attendance documents. The world's attendance record is a
 * presence without proof: its page opens, a decision on it is refused
 * (a redirect back), its proof download sends back to the page with a
 * message. Forms are sent with values validation refuses, so nothing
 * changes between visits.
 */
export const absences: Record<string, MatrixEntry> = {
  'coordinator.absences.index': { expect: managers, params: cohortId, scoped: true },
  'coordinator.absences.edit': {
    expect: managers,
    params: attendanceId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.absences.update': {
    expect: managersRedirected,
    params: attendanceId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ justified: 'not-a-choice' }),
  },
  'coordinator.absences.proof': {
    expect: managersRedirected,
    params: attendanceId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.attendance_sheets.week': { expect: managers, params: cohortId, scoped: true },
  'coordinator.attendance_statements.show': {
    expect: managers,
    params: statement,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.attendance_statements.xlsx': {
    expect: managers,
    params: statement,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.attendance_statements.pdf': {
    expect: managers,
    params: statement,
    scoped: true,
    traineeScoped: true,
  },
  'attendance_sheets.session': {
    expect: signedIn(['admin', 'coordinator', 'trainer']),
    params: (side) => ({ id: side.session.id }),
    scoped: true,
  },
  'trainee.absences.index': { expect: signedIn(['trainee']) },
  'trainee.absences.announce': {
    expect: signedIn(['trainee'], 'redirect'),
    body: () => ({ from: 'pas-une-date', half_day: 'all' }),
  },
  'trainee.absences.proof.show': {
    expect: signedIn(['trainee'], 'redirect'),
    params: attendanceId,
    scoped: true,
    traineeScoped: true,
  },
  'trainee.absences.proof.store': {
    expect: signedIn(['trainee'], 'redirect'),
    params: attendanceId,
    scoped: true,
    traineeScoped: true,
    body: () => ({}),
  },
}
