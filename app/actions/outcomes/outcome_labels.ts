import type { OutcomeCheckpoint } from '#enums/checkpoint'
import type { ContractType } from '#enums/contract_type'
import type { ExitReason } from '#enums/exit_reason'
import type { CertificationResult } from '#enums/certification_result'
import type { OutcomeSituation } from '#enums/outcome_situation'
import type { OutcomeSource } from '#enums/outcome_source'
import type { WorkingTime } from '#enums/working_time'

/**
 * French labels of everything an exit or an outcome shows.
 */
export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  completed: 'Parcours terminé',
  found_job: 'A trouvé un emploi',
  other_training: 'Formation ailleurs',
  health: 'Santé',
  personal: 'Raisons personnelles',
  excluded: 'Exclusion',
  other: 'Autre motif',
}

export const CERTIFICATION_RESULT_LABELS: Record<CertificationResult, string> = {
  passed: 'Certification obtenue',
  partial: 'Certification partielle (blocs de compétences)',
  failed: 'Certification non obtenue',
  not_presented: 'Non présenté·e',
}

export const SITUATION_LABELS: Record<OutcomeSituation, string> = {
  employed: 'En emploi',
  training: 'En formation',
  job_seeking: 'En recherche d’emploi',
  inactive: 'Inactif·ve',
  unknown: 'Situation inconnue',
}

export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprenticeship: 'Contrat d’apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  aided_contract: 'Contrat aidé',
  business_creation: 'Création d’entreprise',
  civil_service: 'Service civique',
}

export const WORKING_TIME_LABELS: Record<WorkingTime, string> = {
  full_time: 'Temps plein',
  part_time: 'Temps partiel',
}

export const SOURCE_LABELS: Record<OutcomeSource, string> = {
  declared: 'Déclaré par la personne',
  document: 'Document (contrat, attestation)',
  phone: 'Appel téléphonique',
  tutor: 'Tuteur ou employeur',
}

export const CHECKPOINT_LABELS: Record<OutcomeCheckpoint, string> = {
  exit: 'À la sortie',
  m3: 'À 3 mois',
  m6: 'À 6 mois',
  m12: 'À 12 mois',
}

/**
 * "à 6 mois", for sentences.
 */
export const CHECKPOINT_IN_SENTENCE: Record<OutcomeCheckpoint, string> = {
  exit: 'à la sortie',
  m3: 'à 3 mois',
  m6: 'à 6 mois',
  m12: 'à 12 mois',
}

/**
 * [{ value, label }] for a form select.
 */
export function optionsOf<K extends string>(labels: Record<K, string>) {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))
}
