import factory from '@adonisjs/lucid/factories'
import ProgrammeModule from '#models/programme_module'
import Programme from '#models/programme'
import type { ModuleKind } from '#enums/module_kind'
import type { ModuleLocation } from '#enums/module_location'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { nth, organizationIdFor, willCreate } from '#database/factories/helpers'

/**
 * A Digit'Elles-like curriculum: six modules, 400 hours in all.
 */
const CURRICULUM: {
  title: string
  kind: ModuleKind
  plannedHours: number
  location: ModuleLocation
}[] = [
  { title: 'Les bases du numérique', kind: 'digital', plannedHours: 140, location: 'centre' },
  { title: 'Français à l’écrit et à l’oral', kind: 'french', plannedHours: 70, location: 'centre' },
  { title: 'Mathématiques du quotidien', kind: 'maths', plannedHours: 35, location: 'centre' },
  { title: 'Visites d’entreprises', kind: 'company_visit', plannedHours: 14, location: 'company' },
  { title: 'Stage en entreprise', kind: 'internship', plannedHours: 105, location: 'company' },
  { title: 'Savoir-être professionnel', kind: 'soft_skills', plannedHours: 36, location: 'centre' },
]

let n = 0

export const ProgrammeModuleFactory = factory
  .define(ProgrammeModule, () => {
    n++
    const step = nth(CURRICULUM, n)
    return { ...step, position: ((n - 1) % CURRICULUM.length) + 1 }
  })
  .relation('programme', () => ProgrammeFactory)
  .before('create', async (builder, module, ctx) => {
    module.organizationId ??= await organizationIdFor(builder, ctx, [
      [Programme, module.programmeId],
    ])
    if (!module.programmeId && !willCreate(builder, 'programme')) {
      const programme = await ProgrammeFactory.merge({ organizationId: module.organizationId })
        .useCtx(ctx)
        .create()
      module.programmeId = programme.id
    }
  })
  .build()
