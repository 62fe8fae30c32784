import type { ApplicationSource } from '#enums/application_source'
import type { ApplicationStatus } from '#enums/application_status'
import { APPLICATION_STATUSES } from '#enums/application_status'
import type Application from '#models/application'

/**
 * What a coordinator reads for each step of the pipeline.
 */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Reçue',
  screening: 'Étude du dossier',
  info_session: 'Réunion d’information',
  interview: 'Entretien',
  admitted: 'Admise',
  waitlisted: 'Liste d’attente',
  rejected: 'Refusée',
  withdrawn: 'Désistement',
}

export const APPLICATION_SOURCE_LABELS: Record<ApplicationSource, string> = {
  france_travail: 'France Travail',
  mission_locale: 'Mission Locale',
  cap_emploi: 'Cap emploi',
  word_of_mouth: 'Bouche-à-oreille',
  social_media: 'Réseaux sociaux',
  website: 'Site internet',
  other: 'Autre',
}

/**
 * A status read from a query string, or null when missing or unknown.
 */
export function applicationStatusOrNull(value: unknown): ApplicationStatus | null {
  return APPLICATION_STATUSES.find((status) => status === value) ?? null
}

export type EligibilityVerdict = 'eligible' | 'to_check' | 'ineligible'

export const ELIGIBILITY_LABELS: Record<EligibilityVerdict, string> = {
  eligible: 'Éligible',
  to_check: 'À vérifier',
  ineligible: 'Non éligible',
}

const ELIGIBILITY_TONES: Record<EligibilityVerdict, string> = {
  eligible: 'success',
  to_check: 'warning',
  ineligible: 'danger',
}

/**
 * The eligibility check's verdict, or null when it has not run: the stored
 * result wins ("eligible", "ineligible", anything else needs a look), the
 * `eligible` flag otherwise.
 */
export function eligibilityVerdict(application: Application): EligibilityVerdict | null {
  const result = application.eligibility?.result
  if (result) {
    if (result === 'eligible') return 'eligible'
    if (result === 'ineligible' || result === 'not_eligible') return 'ineligible'
    return 'to_check'
  }
  if (application.eligible === true) return 'eligible'
  if (application.eligible === false) return 'ineligible'
  return null
}

/**
 * The verdict as a badge ({ label, tone }), or null before any check.
 */
export function eligibilityBadge(application: Application) {
  const verdict = eligibilityVerdict(application)
  if (!verdict) return null
  return { label: ELIGIBILITY_LABELS[verdict], tone: ELIGIBILITY_TONES[verdict] }
}
