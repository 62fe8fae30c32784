/**
 * French words for follow-up pages and emails.
 */
export const SITUATION_LABELS: Record<string, string> = {
  employed: 'En emploi',
  training: 'En formation',
  job_seeking: 'En recherche d’emploi',
  inactive: 'Autre',
  unknown: 'Inconnue',
}

export const CONTRACT_LABELS: Record<string, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  apprenticeship: 'Alternance (apprentissage)',
  professionalisation: 'Alternance (professionnalisation)',
  aided_contract: 'Contrat aidé',
  business_creation: 'Création d’entreprise',
  civil_service: 'Fonction publique',
}

export const CHECKPOINT_LABELS: Record<string, string> = {
  exit: 'Sortie',
  m3: '3 mois',
  m6: '6 mois',
  m12: '12 mois',
}

export const STATUS_LABELS: Record<string, string> = {
  due: 'À envoyer',
  sent: 'Envoyé, sans réponse',
  to_call: 'À appeler',
  answered: 'Répondu',
  closed: 'Clos',
}

export const STATUS_TONES: Record<string, string> = {
  due: 'neutral',
  sent: 'primary',
  to_call: 'warning',
  answered: 'success',
  closed: 'neutral',
}

export const SOURCE_LABELS: Record<string, string> = {
  declared: 'déclaré par la personne',
  document: 'justificatif',
  phone: 'appel',
  tutor: 'tuteur ou tutrice',
}

/**
 * Answer choices of the forms: value and words.
 */
export const SITUATION_OPTIONS = [
  { value: 'employed', label: 'En emploi' },
  { value: 'training', label: 'En formation' },
  { value: 'job_seeking', label: 'En recherche d’emploi' },
  { value: 'other', label: 'Autre' },
]

export const CONTRACT_OPTIONS = Object.entries(CONTRACT_LABELS).map(([value, label]) => ({
  value,
  label,
}))

/**
 * "En emploi — CDD 6 mois, Boulangerie Martin" in a cell.
 */
export function describeOutcome(outcome: {
  situation: string
  contractType?: string | null
  contractMonths?: number | null
  employerName?: string | null
}) {
  let words = SITUATION_LABELS[outcome.situation] ?? outcome.situation
  if (outcome.situation === 'employed' && outcome.contractType) {
    words += ` — ${CONTRACT_LABELS[outcome.contractType] ?? outcome.contractType}`
    if (outcome.contractMonths) words += ` ${outcome.contractMonths} mois`
    if (outcome.employerName) words += `, ${outcome.employerName}`
  }
  return words
}
