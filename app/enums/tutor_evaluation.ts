import type { ContractType } from '#enums/contract_type'

/**
 * The four-level scale of the tutor's evaluation, with the words the
 * tutor reads.
 */
export const RATING_LEVELS = [
  { value: 1, label: 'Insuffisant' },
  { value: 2, label: 'À améliorer' },
  { value: 3, label: 'Satisfaisant' },
  { value: 4, label: 'Très satisfaisant' },
] as const

/**
 * A skill the tutor may not have seen at work (e.g. digital skills in a
 * bakery): stored as null.
 */
export const NOT_OBSERVED = 0

/**
 * The skills observed at the company, in the order the form asks them.
 */
export const EVALUATION_SKILLS = [
  { key: 'punctuality', label: 'Ponctualité' },
  { key: 'attitude', label: 'Savoir-être (politesse, travail en équipe)' },
  { key: 'autonomy', label: 'Autonomie' },
  { key: 'work_quality', label: 'Qualité du travail' },
  { key: 'digital_skills', label: 'Compétences numériques' },
] as const

export type EvaluationSkill = (typeof EVALUATION_SKILLS)[number]['key']

export const HIRE_ANSWERS = [
  { value: 'yes', label: 'Oui' },
  { value: 'no', label: 'Non' },
  { value: 'hired', label: 'C’est déjà fait' },
] as const

export type HireAnswer = (typeof HIRE_ANSWERS)[number]['value']

/**
 * Contract types in the words a tutor uses.
 */
export const CONTRACT_TYPE_NAMES: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprenticeship: 'Contrat d’apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  aided_contract: 'Contrat aidé (PEC…)',
  business_creation: 'Création d’entreprise',
  civil_service: 'Fonction publique',
}

/**
 * The answers as stored in `internships.evaluation`.
 */
export interface TutorEvaluationAnswers {
  source: 'tutor_link'
  attendance: number
  skills: Record<EvaluationSkill, number | null>
  comments: string | null
  wouldHire: HireAnswer
  contractType: ContractType | null
}

export function ratingLabel(value: number | null | undefined) {
  if (value === null || value === undefined) return 'Non observé'
  return RATING_LEVELS.find((level) => level.value === value)?.label ?? String(value)
}
