import type { DateTime } from 'luxon'
import type Application from '#models/application'
import AuditEvent from '#models/audit_event'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import type { EnrollmentStatus } from '#enums/enrollment_status'
import { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'
import { nowInParis } from '#services/sql_time'
import {
  APPLICATION_TRANSITIONS,
  transitionLabel,
} from '#actions/applications/pipeline_transitions'
import {
  APPLICATION_STATUS_LABELS,
  eligibilityBadge,
  eligibilityVerdict,
} from '#actions/applications/pipeline_labels'
import {
  ADMISSIBLE_STATUSES,
  ADMITTING_COHORT_STATUSES,
  cohortPlaces,
} from '#actions/applications/admit_application'
import {
  DUPLICATE_CONFIRMED,
  DUPLICATE_DISMISSED,
  REFRESHED_FIELD_LABELS,
} from '#actions/applications/confirm_duplicate'

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  enrolled: 'Inscription enregistrée',
  active: 'En formation',
  completed: 'Formation terminée',
  dropped_out: 'Abandon',
}

const day = (date: DateTime | null) => (date ? date.setLocale('fr').toFormat('d LLLL yyyy') : null)
const UNKNOWN = 'Non renseigné'

/**
 * One line of the side-by-side comparison of a possible duplicate.
 */
function comparison(known: Trainee, here: Trainee) {
  const address = (trainee: Trainee) =>
    [trainee.addressLine, [trainee.postalCode, trainee.city].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ') || null
  const level = (trainee: Trainee) =>
    trainee.qualificationLevel === null
      ? null
      : QUALIFICATION_LEVEL_LABELS[trainee.qualificationLevel]
  const rows: [string, (trainee: Trainee) => string | null][] = [
    ['Nom', (trainee) => trainee.fullName],
    ['Date de naissance', (trainee) => day(trainee.birthDate)],
    ['Adresse e-mail', (trainee) => trainee.email],
    ['Téléphone', (trainee) => trainee.phone],
    ['Adresse', address],
    ['Niveau de diplôme', level],
  ]
  return rows.map(([label, read]) => {
    const knownValue = read(known) ?? UNKNOWN
    const hereValue = read(here) ?? UNKNOWN
    return { label, known: knownValue, here: hereValue, differs: knownValue !== hereValue }
  })
}

/**
 * What an application's page shows: the person, the cohort, the
 * eligibility and its reasons, the history newest first (with who made
 * each move), the moves offered, and:
 * - `duplicate`: the person already known the application may come from
 *   (identity, their applications and enrollments with cohort names, a
 *   side-by-side comparison), or null;
 * - `duplicateDecisions`: the answers already given to "Personne déjà
 *   connue ?" on this application (who, when, what was refreshed);
 * - `admission`: the cohort's places and what admitting would do.
 */
export default class PipelineApplicationPage {
  async handle({ application }: { application: Application }) {
    // One after the other: in a transaction (the tests' global one) the
    // queries share one connection, which must not run two at once.
    await application.load('trainee')
    await application.load('cohort')
    await application.load('statusChanges', (changes) =>
      changes.preload('changedBy').clearOrder().orderBy('created_at', 'desc').orderBy('id', 'desc')
    )
    const { trainee, cohort } = application
    const moves = APPLICATION_TRANSITIONS[application.status].map((to) => ({
      value: to,
      label: transitionLabel(application.status, to, APPLICATION_STATUS_LABELS),
    }))
    return {
      application,
      trainee,
      cohort,
      age: trainee.ageOn(nowInParis()),
      eligibility: eligibilityBadge(application),
      reasons: application.eligibility?.reasons ?? [],
      history: application.statusChanges,
      moves,
      duplicate: await this.duplicate(application),
      duplicateDecisions: await this.duplicateDecisions(application),
      admission: await this.admission(application),
    }
  }

  private async duplicate(application: Application) {
    if (!application.duplicateOfTraineeId) return null
    const known = await Trainee.query()
      .where('id', application.duplicateOfTraineeId)
      .where('organization_id', application.organizationId)
      .preload('applications', (applications) =>
        applications.preload('cohort').orderBy('created_at', 'desc').orderBy('id', 'desc')
      )
      .preload('enrollments', (enrollments) =>
        enrollments.preload('cohort').orderBy('starts_on', 'desc').orderBy('id', 'desc')
      )
      .first()
    if (!known) return null
    return {
      known,
      birthDate: day(known.birthDate),
      applications: known.applications.map((other) => ({
        cohortName: other.cohort.name,
        status: APPLICATION_STATUS_LABELS[other.status],
        receivedOn: day(other.createdAt),
      })),
      enrollments: known.enrollments.map((enrollment) => ({
        cohortName: enrollment.cohort.name,
        status: ENROLLMENT_STATUS_LABELS[enrollment.status],
        startsOn: day(enrollment.startsOn),
      })),
      rows: comparison(known, application.trainee),
    }
  }

  private async duplicateDecisions(application: Application) {
    const events = await AuditEvent.query()
      .where('organization_id', application.organizationId)
      .where('subject_type', 'applications')
      .where('subject_id', application.id)
      .whereIn('action', [DUPLICATE_CONFIRMED, DUPLICATE_DISMISSED])
      .preload('user')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    return events.map((event) => ({
      confirmed: event.action === DUPLICATE_CONFIRMED,
      by: event.user?.fullName ?? 'Inconnu',
      at: event.createdAt,
      refreshed: Object.keys(event.changes ?? {})
        .filter((field) => field in REFRESHED_FIELD_LABELS)
        .map((field) => REFRESHED_FIELD_LABELS[field]),
    }))
  }

  private async admission(application: Application) {
    const { cohort, trainee } = application
    const enrollment = await Enrollment.query()
      .where('cohort_id', cohort.id)
      .where('trainee_id', trainee.id)
      .first()
    return {
      open: ADMISSIBLE_STATUSES.includes(application.status),
      cohortAdmitting: ADMITTING_COHORT_STATUSES.includes(cohort.status),
      places: await cohortPlaces(cohort),
      ineligible: eligibilityVerdict(application) === 'ineligible',
      pendingDuplicate: !!application.duplicateOfTraineeId,
      enrollment: enrollment
        ? {
            status: ENROLLMENT_STATUS_LABELS[enrollment.status],
            startsOn: day(enrollment.startsOn),
          }
        : null,
      hasAccount: !!trainee.userId,
      email: trainee.email,
    }
  }
}
