import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import type ProgrammeModule from '#models/programme_module'
import type { ProgrammeModulePayload } from '#validators/programme'
import { defaultLocation } from '#actions/programmes/add_programme_module'
import { draftIfHoursDiffer, modulesOf, renumber } from '#actions/programmes/curriculum'

/**
 * Saves a module's form; a new position moves it in the curriculum.
 */
export default class UpdateProgrammeModule {
  async handle({
    programme,
    module,
    payload,
  }: {
    programme: Programme
    module: ProgrammeModule
    payload: ProgrammeModulePayload
  }) {
    return db.transaction(async (trx) => {
      module.useTransaction(trx)
      module.merge({
        title: payload.title,
        kind: payload.kind,
        plannedHours: payload.plannedHours,
        location: payload.location ?? defaultLocation(payload.kind),
      })
      await module.save()
      const modules = await modulesOf(programme, trx)
      await renumber(modules, trx, {
        module,
        position: payload.position ?? modules.findIndex((item) => item.id === module.id) + 1,
      })
      return { module, ...(await draftIfHoursDiffer(programme, trx)) }
    })
  }
}
