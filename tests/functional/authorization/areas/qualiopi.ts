import { everyone, signedIn, type MatrixEntry } from '#tests/functional/authorization/expectations'
import type { Side } from '#tests/helpers/world'

const managers = signedIn(['admin', 'coordinator'])
const managersRedirected = signedIn(['admin', 'coordinator'], 'redirect')
const programmeId = (side: Side) => ({ id: side.programme.id })
const enrollmentId = (side: Side) => ({ id: side.enrollment.id })
const cohortId = (side: Side) => ({ id: side.cohort.id })

/**
 * Qualiopi results (public page, refresh) and completion documents. The
 * refresh has nothing to validate: it only rewrites the programme's
 * snapshot, the same each visit.
 */
export const qualiopi: Record<string, MatrixEntry> = {
  'public.programme_results': {
    expect: everyone('ok'),
    params: (side) => ({
      organizationSlug: side.organization.slug,
      programmeSlug: side.programme.slug,
    }),
  },
  'coordinator.programmes.results.public': {
    expect: managersRedirected,
    params: programmeId,
    scoped: true,
  },
  'coordinator.programmes.results.refresh': {
    expect: managersRedirected,
    params: programmeId,
    scoped: true,
  },
  'coordinator.enrollments.completion_certificate': {
    expect: managers,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.enrollments.training_attestation': {
    expect: managers,
    params: enrollmentId,
    scoped: true,
    traineeScoped: true,
  },
  'coordinator.cohorts.completion_documents.index': {
    expect: managers,
    params: cohortId,
    scoped: true,
  },
  'coordinator.cohorts.completion_documents': { expect: managers, params: cohortId, scoped: true },
}
