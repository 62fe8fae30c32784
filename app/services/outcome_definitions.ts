import { DateTime } from 'luxon'
import type { ContractType } from '#enums/contract_type'
import type { OutcomeSituation } from '#enums/outcome_situation'

/**
 * The ONE place where funder categories are derived from raw outcome
 * facts. Each definition says in words what it counts and classifies one
 * observation as 'yes', 'no' or 'unknown' (the situation, or a fact the
 * rule needs, is not known). A funder lists the keys it uses in
 * `funders.outcome_definitions`.
 */

/**
 * The facts a definition looks at (an Outcome row has them all).
 */
export type ObservedFacts = {
  situation: OutcomeSituation
  contractType: ContractType | null
  contractMonths: number | null
  contractStartOn: DateTime | null
}

/**
 * What a definition may need beyond the observation: the exit date.
 */
export type ClassifyContext = { exitOn: DateTime | null }

export type Classification = 'yes' | 'no' | 'unknown'

export type OutcomeDefinition = {
  key: OutcomeDefinitionKey
  name: string
  shortName: string
  rule: string
  classify: (facts: ObservedFacts, context: ClassifyContext) => Classification
}

export const OUTCOME_DEFINITION_KEYS = [
  'gen_positive_exit',
  'ft_durable_employment',
  'ft_access_to_employment',
  'employment',
] as const

export type OutcomeDefinitionKey = (typeof OUTCOME_DEFINITION_KEYS)[number]

/**
 * Contracts with an end date: their length decides durable employment.
 */
export const FIXED_TERM_CONTRACTS: ContractType[] = [
  'cdd',
  'interim',
  'apprenticeship',
  'professionalisation',
]

/**
 * Contracts without a length: no duration is asked nor kept.
 */
export const OPEN_ENDED_CONTRACTS: ContractType[] = ['cdi', 'business_creation']

/**
 * Employed, in training, job seeking or inactive are known answers; an
 * employed person whose contract type is missing is unknown for any rule
 * that looks at the contract.
 */
function employedContract(facts: ObservedFacts): ContractType | 'unknown' | null {
  if (facts.situation !== 'employed') return null
  return facts.contractType ?? 'unknown'
}

const genPositiveExit: OutcomeDefinition = {
  key: 'gen_positive_exit',
  name: 'Sortie positive (GEN)',
  shortName: 'Sorties positives (GEN)',
  rule:
    'En CDI, en CDD (quelle que soit sa durée), en alternance (apprentissage ou professionnalisation), ' +
    'en création d’entreprise, ou en formation. L’intérim, les contrats aidés et le service civique ne comptent pas.',
  classify(facts) {
    if (facts.situation === 'unknown') return 'unknown'
    if (facts.situation === 'training') return 'yes'
    const contract = employedContract(facts)
    if (contract === null) return 'no'
    if (contract === 'unknown') return 'unknown'
    return ['cdi', 'cdd', 'apprenticeship', 'professionalisation', 'business_creation'].includes(
      contract
    )
      ? 'yes'
      : 'no'
  },
}

const ftDurableEmployment: OutcomeDefinition = {
  key: 'ft_durable_employment',
  name: 'Emploi durable (France Travail)',
  shortName: 'Emplois durables (France Travail)',
  rule: 'En CDI, en CDD ou en intérim de 6 mois ou plus, ou en création d’entreprise.',
  classify(facts) {
    if (facts.situation === 'unknown') return 'unknown'
    const contract = employedContract(facts)
    if (contract === null) return 'no'
    if (contract === 'unknown') return 'unknown'
    if (contract === 'cdi' || contract === 'business_creation') return 'yes'
    if (contract === 'cdd' || contract === 'interim') {
      if (facts.contractMonths === null) return 'unknown'
      return facts.contractMonths >= 6 ? 'yes' : 'no'
    }
    return 'no'
  },
}

const ftAccessToEmployment: OutcomeDefinition = {
  key: 'ft_access_to_employment',
  name: 'Accès à l’emploi (France Travail)',
  shortName: 'Accès à l’emploi (France Travail)',
  rule:
    'Un emploi d’au moins 1 mois (tout contrat, ou une création d’entreprise) commencé au plus tard ' +
    '6 mois après la sortie.',
  classify(facts, context) {
    if (facts.situation === 'unknown') return 'unknown'
    const contract = employedContract(facts)
    if (contract === null) return 'no'
    if (contract === 'unknown') return 'unknown'
    if (!OPEN_ENDED_CONTRACTS.includes(contract)) {
      if (facts.contractMonths === null) return 'unknown'
      if (facts.contractMonths < 1) return 'no'
    }
    if (!context.exitOn) return 'unknown'
    if (!facts.contractStartOn) return 'unknown'
    return facts.contractStartOn <= context.exitOn.plus({ months: 6 }) ? 'yes' : 'no'
  },
}

const employment: OutcomeDefinition = {
  key: 'employment',
  name: 'En emploi (tous contrats)',
  shortName: 'En emploi (tous contrats)',
  rule: 'En emploi, quel que soit le contrat (y compris création d’entreprise).',
  classify(facts) {
    if (facts.situation === 'unknown') return 'unknown'
    return facts.situation === 'employed' ? 'yes' : 'no'
  },
}

export const OUTCOME_DEFINITIONS: Record<OutcomeDefinitionKey, OutcomeDefinition> = {
  gen_positive_exit: genPositiveExit,
  ft_durable_employment: ftDurableEmployment,
  ft_access_to_employment: ftAccessToEmployment,
  employment,
}

export function isOutcomeDefinitionKey(key: unknown): key is OutcomeDefinitionKey {
  return typeof key === 'string' && (OUTCOME_DEFINITION_KEYS as readonly string[]).includes(key)
}

/**
 * The definitions funders carry (unknown keys ignored), always followed by
 * employment overall; all built-in definitions when no funder names any.
 */
export function definitionsForFunders(
  funders: { outcomeDefinitions: string[] | null }[]
): OutcomeDefinition[] {
  const keys = new Set<OutcomeDefinitionKey>()
  for (const funder of funders) {
    for (const key of funder.outcomeDefinitions ?? []) {
      if (isOutcomeDefinitionKey(key)) keys.add(key)
    }
  }
  if (keys.size === 0) return OUTCOME_DEFINITION_KEYS.map((key) => OUTCOME_DEFINITIONS[key])
  keys.add('employment')
  return OUTCOME_DEFINITION_KEYS.filter((key) => keys.has(key)).map(
    (key) => OUTCOME_DEFINITIONS[key]
  )
}
