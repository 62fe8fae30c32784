import type { InternshipStatus } from '#enums/internship_status'
import type { InternshipKind } from '#enums/internship_kind'
import type { OutcomeCheckpoint } from '#enums/checkpoint'
import type { ContractType } from '#enums/contract_type'

/**
 * French labels shown on the company page.
 */
export const INTERNSHIP_STATUS_LABELS: Record<InternshipStatus, string> = {
  draft: 'Brouillon',
  agreement_sent: 'Convention envoyée',
  signed: 'Convention signée',
  ongoing: 'En cours',
  completed: 'Terminé',
  cancelled: 'Annulé',
}

export const INTERNSHIP_KIND_LABELS: Record<InternshipKind, string> = {
  stage: 'Stage',
  pmsmp: 'PMSMP',
}

export const CHECKPOINT_LABELS: Record<OutcomeCheckpoint, string> = {
  exit: 'À la sortie',
  m3: 'À 3 mois',
  m6: 'À 6 mois',
  m12: 'À 12 mois',
}

export const CONTRACT_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprenticeship: 'Apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  aided_contract: 'Contrat aidé',
  business_creation: 'Création d’entreprise',
  civil_service: 'Service civique',
}

/**
 * "732 548 720 00018": the SIREN in groups of three, then the NIC.
 */
export function formatSiret(siret: string | null): string {
  if (!siret || siret.length !== 14) return siret ?? ''
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`
}
