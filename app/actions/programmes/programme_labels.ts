import type { BpfObjective } from '#enums/bpf_objective'
import type { CertificationKind } from '#enums/certification_kind'
import type { ModuleKind } from '#enums/module_kind'
import type { ModuleLocation } from '#enums/module_location'
import type { ProgrammeStatus } from '#enums/programme_status'

/**
 * What a coordinator reads for each value of the programme enums.
 */
export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, string> = {
  draft: 'Brouillon',
  ready: 'Prêt',
  archived: 'Archivé',
}

export const CERTIFICATION_KIND_LABELS: Record<CertificationKind, string> = {
  rncp: 'Certification RNCP (diplôme ou titre)',
  rs: 'Certification du Répertoire spécifique (RS)',
  none: 'Pas de certification',
}

export const BPF_OBJECTIVE_LABELS: Record<BpfObjective, string> = {
  rncp_level_6_8: 'Diplôme ou titre RNCP de niveau 6 à 8',
  rncp_level_5: 'Diplôme ou titre RNCP de niveau 5',
  rncp_level_4: 'Diplôme ou titre RNCP de niveau 4',
  rncp_level_3: 'Diplôme ou titre RNCP de niveau 3',
  rncp_level_2: 'Diplôme ou titre RNCP de niveau 2',
  rncp_cqp_without_level: 'CQP enregistré au RNCP sans niveau',
  certification_rs: 'Certification ou habilitation du Répertoire spécifique',
  cqp_unregistered: 'CQP non enregistré au RNCP ni au RS',
  other_professional: 'Autre formation professionnelle',
  skills_assessment: 'Bilan de compétences',
  vae: 'Accompagnement à la VAE',
}

export const MODULE_KIND_LABELS: Record<ModuleKind, string> = {
  digital: 'Numérique',
  french: 'Français',
  maths: 'Mathématiques',
  company_visit: 'Visite d’entreprise',
  internship: 'Stage en entreprise',
  soft_skills: 'Savoir-être professionnel',
  other: 'Autre',
}

export const MODULE_LOCATION_LABELS: Record<ModuleLocation, string> = {
  centre: 'En centre',
  company: 'En entreprise',
}

export { QUALIFICATION_LEVEL_LABELS } from '#enums/qualification_level'

export const ELIGIBLE_SEX_LABELS = {
  female: 'Femmes seulement',
  male: 'Hommes seulement',
} as const

/**
 * `{ a: 'A' }` → `[{ value: 'a', label: 'A' }]` for the form kit's selects.
 */
export function optionsOf(labels: Record<string | number, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}
