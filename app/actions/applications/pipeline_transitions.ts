import type { ApplicationStatus } from '#enums/application_status'

/**
 * The moves a coordinator makes from an application's page. An open
 * application goes forward, or to the waiting list, a refusal or a
 * withdrawal; a refused or withdrawn one can be reopened (back to
 * screening), e.g. after a mistake. Admission is not a move: it creates
 * the enrollment and the account, elsewhere.
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['screening', 'info_session', 'interview', 'waitlisted', 'rejected', 'withdrawn'],
  screening: ['info_session', 'interview', 'waitlisted', 'rejected', 'withdrawn'],
  info_session: ['interview', 'waitlisted', 'rejected', 'withdrawn'],
  interview: ['waitlisted', 'rejected', 'withdrawn'],
  waitlisted: ['rejected', 'withdrawn'],
  rejected: ['screening'],
  withdrawn: ['screening'],
  admitted: [],
}

/**
 * A refused or withdrawn application going back to screening.
 */
export function isReopening(from: ApplicationStatus, to: ApplicationStatus) {
  return (from === 'rejected' || from === 'withdrawn') && to === 'screening'
}

/**
 * What the form offers for each move.
 */
export function transitionLabel(
  from: ApplicationStatus,
  to: ApplicationStatus,
  labels: Record<ApplicationStatus, string>
) {
  if (isReopening(from, to)) return `Rouvrir la candidature (retour à « ${labels[to]} »)`
  return labels[to]
}
