import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import type ProgrammeModule from '#models/programme_module'
import { modulesOf, renumber } from '#actions/programmes/curriculum'

/**
 * Moves a module one place up or down in the curriculum (nothing happens
 * at either end). Hours do not change, so neither does the status.
 */
export default class MoveProgrammeModule {
  async handle({
    programme,
    module,
    direction,
  }: {
    programme: Programme
    module: ProgrammeModule
    direction: 'up' | 'down'
  }) {
    return db.transaction(async (trx) => {
      const modules = await modulesOf(programme, trx)
      const index = modules.findIndex((item) => item.id === module.id)
      const target = direction === 'up' ? index : index + 2
      const moved = modules[index]
      await renumber(modules, trx, { module: moved, position: Math.max(1, target) })
      return { moved: target >= 1 && target <= modules.length }
    })
  }
}
