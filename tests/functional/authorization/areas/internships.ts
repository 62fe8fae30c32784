import { signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')
const cohortId = (side: Side) => ({ id: side.cohort.id })
const enrollmentId = (side: Side) => ({ id: side.enrollment.id })
const internshipId = (side: Side) => ({ id: side.internship.id })

/**
 * Internships and their agreements. The world's internship is a draft
 * without a signed scan: its pages and agreement open, its scan download
 * sends back to its page. Forms are sent with values validation refuses
 * (an unknown kind or status, no file), so nothing changes between visits.
 */
export const internships: Record<string, MatrixEntry> = {
  'coordinator.internships.index': { expect: managers, params: cohortId, scoped: true },
  'coordinator.internships.create': {
    expect: managers,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.internships.store': {
    expect: managersRedirected,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ kind: 'not-a-kind' }),
  },
  'coordinator.internships.show': {
    expect: managers,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.internships.edit': {
    expect: managers,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.internships.update': {
    expect: managersRedirected,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ kind: 'not-a-kind' }),
  },
  'coordinator.internships.move': {
    expect: managersRedirected,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
    body: () => ({ status: 'not-a-status' }),
  },
  'coordinator.internships.agreement': {
    expect: managers,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.internships.scan.show': {
    expect: managersRedirected,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.internships.scan.store': {
    expect: managersRedirected,
    params: internshipId,
    scoped: true,
    traineeScoped: true,
    body: () => ({}),
  },
  'trainee.internship': { expect: signedIn(['trainee']) },
}
