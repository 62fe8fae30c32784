import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import type { ModuleKind } from '#enums/module_kind'
import type { ModuleLocation } from '#enums/module_location'
import type { ProgrammeModulePayload } from '#validators/programme'
import { draftIfHoursDiffer, modulesOf, renumber } from '#actions/programmes/curriculum'

/**
 * Where a module takes place when the form does not say: internships and
 * company visits in a company, the rest in the centre.
 */
export function defaultLocation(kind: ModuleKind): ModuleLocation {
  return kind === 'internship' || kind === 'company_visit' ? 'company' : 'centre'
}

/**
 * Adds a module to the curriculum, at the position asked (last by default).
 */
export default class AddProgrammeModule {
  async handle({ programme, payload }: { programme: Programme; payload: ProgrammeModulePayload }) {
    return db.transaction(async (trx) => {
      const module = new ProgrammeModule().merge({
        organizationId: programme.organizationId,
        programmeId: programme.id,
        title: payload.title,
        kind: payload.kind,
        plannedHours: payload.plannedHours,
        location: payload.location ?? defaultLocation(payload.kind),
        position: 0,
      })
      await renumber(await modulesOf(programme, trx), trx, { module, position: payload.position })
      return { module, ...(await draftIfHoursDiffer(programme, trx)) }
    })
  }
}
