import type { ApiResponse } from '@japa/api-client'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import type { Side } from '#tests/helpers/world'

/**
 * A complete, valid programme form.
 */
export function programmeForm(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Digit’Elles Rouen',
    description: 'Trois mois pour reprendre pied dans le numérique.',
    totalHours: '400',
    certificationKind: 'rncp',
    certificationCode: 'rncp37674',
    certificationLevel: '3',
    formacode: '70332',
    nsfCode: '326T',
    bpfObjective: 'rncp_level_3',
    genLabelId: 'GEN-2025-042',
    genLabelValidFrom: '2025-01-01',
    genLabelValidUntil: '2027-12-31',
    eligibleSex: 'female',
    minAge: '18',
    maxAge: '64',
    maxQualificationLevel: '4',
    jobSeekerRequired: '1',
    departments: '76, 27;14',
    targetWomen: '100',
    targetQpv: '30',
    targetLowQualified: '80',
    targetNeet: '',
    targetJobSeekers: '70',
    ...overrides,
  }
}

/**
 * A complete, valid module form.
 */
export function moduleForm(overrides: Record<string, unknown> = {}) {
  return { title: 'Bureautique', kind: 'digital', plannedHours: '20', ...overrides }
}

/**
 * The validation errors flashed by the last request, by field.
 */
export function fieldErrors(response: ApiResponse): Record<string, string[]> {
  return (response.flashMessage('inputErrorsBag') ?? {}) as Record<string, string[]>
}

/**
 * A draft programme of the side's organisation with modules of the given
 * hours, in that order.
 */
export async function programmeWithModules(
  side: Side,
  hours: number[],
  { totalHours = 400, status = 'draft' as 'draft' | 'ready' } = {}
) {
  const programme = await Programme.create({
    organizationId: side.organization.id,
    title: 'Parcours test',
    slug: `parcours-test-${Math.random().toString(36).slice(2, 8)}`,
    totalHours,
    certificationKind: 'none',
    status,
  })
  const modules: ProgrammeModule[] = []
  for (const [index, plannedHours] of hours.entries()) {
    modules.push(
      await ProgrammeModule.create({
        organizationId: side.organization.id,
        programmeId: programme.id,
        title: `Module ${index + 1}`,
        kind: 'digital',
        plannedHours,
        position: index + 1,
        location: 'centre',
      })
    )
  }
  return { programme, modules }
}

/**
 * The programme's module titles in curriculum order, with their positions.
 */
export async function curriculum(programme: Programme) {
  const modules = await ProgrammeModule.query()
    .where('programme_id', programme.id)
    .orderBy('position')
  return modules.map((module) => `${module.position}:${module.title}`)
}
