import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import type ProgrammeModule from '#models/programme_module'
import ClassSession from '#models/class_session'
import type { CurriculumBalance } from '#actions/programmes/check_curriculum_hours'
import { draftIfHoursDiffer, modulesOf, renumber } from '#actions/programmes/curriculum'

export type DeleteModuleResult =
  | { deleted: true; balance: CurriculumBalance; backToDraft: boolean }
  | { deleted: false; reason: string }

/**
 * Removes a module from the curriculum, unless sessions are already
 * planned for it (their hours and attendance would lose their module).
 */
export default class DeleteProgrammeModule {
  async handle({
    programme,
    module,
  }: {
    programme: Programme
    module: ProgrammeModule
  }): Promise<DeleteModuleResult> {
    return db.transaction(async (trx) => {
      const sessions = await ClassSession.query({ client: trx })
        .where('programme_module_id', module.id)
        .count('* as total')
        .first()
      const planned = Number(sessions?.$extras.total ?? 0)
      if (planned > 0) {
        return {
          deleted: false,
          reason: `Le module « ${module.title} » ne peut pas être supprimé : ${planned} séance(s) sont planifiées pour lui. Modifiez plutôt ses heures.`,
        }
      }

      module.useTransaction(trx)
      await module.delete()
      await renumber(await modulesOf(programme, trx), trx)
      return { deleted: true, ...(await draftIfHoursDiffer(programme, trx)) }
    })
  }
}
