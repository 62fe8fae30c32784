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
  /**
   * The same rule as SQL, for aggregates over many people: an expression
   * giving 'yes', 'no' or 'unknown' from the columns of an observation
   * (its situation is never null here: no observation is 'unknown').
   */
  classifySql: (columns: FactColumns, dialect: SqlDialect) => string
}

/**
 * SQL expressions (column names) of an observation's facts and of the
 * exit day, for `classifySql`.
 */
export type FactColumns = {
  situation: string
  contractType: string
  contractMonths: string
  contractStartOn: string
  exitOn: string
}

export type SqlDialect = 'postgres' | 'sqlite' | string

const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ')

/**
 * A DATE column plus whole months, as Luxon's `plus({ months })` does it:
 * the day is kept, or clamped to the month's last day (31 August + 6
 * months is 28 February). PostgreSQL's interval arithmetic clamps; SQLite's
 * date() overflows into the next month, hence the min with the last day.
 */
export function plusMonthsSql(column: string, months: number, dialect: SqlDialect) {
  if (dialect === 'postgres') return `cast(${column} + interval '${months} months' as date)`
  return `min(date(${column}, '+${months} months'), date(${column}, 'start of month', '+${months + 1} months', '-1 day'))`
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

const GEN_POSITIVE_CONTRACTS: ContractType[] = [
  'cdi',
  'cdd',
  'apprenticeship',
  'professionalisation',
  'business_creation',
]

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
    return GEN_POSITIVE_CONTRACTS.includes(contract) ? 'yes' : 'no'
  },
  classifySql(c) {
    return `(case when ${c.situation} = 'unknown' then 'unknown'
      when ${c.situation} = 'training' then 'yes'
      when ${c.situation} <> 'employed' then 'no'
      when ${c.contractType} is null then 'unknown'
      when ${c.contractType} in (${sqlList(GEN_POSITIVE_CONTRACTS)}) then 'yes' else 'no' end)`
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
  classifySql(c) {
    return `(case when ${c.situation} = 'unknown' then 'unknown'
      when ${c.situation} <> 'employed' then 'no'
      when ${c.contractType} is null then 'unknown'
      when ${c.contractType} in ('cdi', 'business_creation') then 'yes'
      when ${c.contractType} in ('cdd', 'interim') then
        (case when ${c.contractMonths} is null then 'unknown' when ${c.contractMonths} >= 6 then 'yes' else 'no' end)
      else 'no' end)`
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
  classifySql(c, dialect) {
    const fixedTerm = `${c.contractType} not in (${sqlList(OPEN_ENDED_CONTRACTS)})`
    return `(case when ${c.situation} = 'unknown' then 'unknown'
      when ${c.situation} <> 'employed' then 'no'
      when ${c.contractType} is null then 'unknown'
      when ${fixedTerm} and ${c.contractMonths} is null then 'unknown'
      when ${fixedTerm} and ${c.contractMonths} < 1 then 'no'
      when ${c.exitOn} is null then 'unknown'
      when ${c.contractStartOn} is null then 'unknown'
      when ${c.contractStartOn} <= ${plusMonthsSql(c.exitOn, 6, dialect)} then 'yes' else 'no' end)`
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
  classifySql(c) {
    return `(case when ${c.situation} = 'unknown' then 'unknown'
      when ${c.situation} = 'employed' then 'yes' else 'no' end)`
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
