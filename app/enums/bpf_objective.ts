/**
 * The lines of the BPF's frame F-3 ("objectif général des prestations
 * dispensées") a programme's trainees and hours are counted under.
 */
export const BPF_OBJECTIVES = [
  'rncp_level_6_8',
  'rncp_level_5',
  'rncp_level_4',
  'rncp_level_3',
  'rncp_level_2',
  'rncp_cqp_without_level',
  'certification_rs',
  'cqp_unregistered',
  'other_professional',
  'skills_assessment',
  'vae',
] as const

export type BpfObjective = (typeof BPF_OBJECTIVES)[number]
