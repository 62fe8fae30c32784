import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import CheckCurriculumHours from '#actions/programmes/check_curriculum_hours'

/**
 * Helpers the curriculum actions share, always inside their transaction.
 */

/**
 * The programme's modules in order.
 */
export function modulesOf(programme: Programme, trx: TransactionClientContract) {
  return ProgrammeModule.query({ client: trx })
    .where('programme_id', programme.id)
    .orderBy('position')
    .orderBy('id')
}

/**
 * Numbers the modules 1, 2, 3… in the order given, with `moved` put at
 * `position` (clamped to the list) when given.
 */
export async function renumber(
  modules: ProgrammeModule[],
  trx: TransactionClientContract,
  moved?: { module: ProgrammeModule; position?: number }
) {
  const ordered = modules.filter((module) => module.id !== moved?.module.id)
  if (moved) {
    const index = moved.position === undefined ? ordered.length : moved.position - 1
    ordered.splice(Math.max(0, Math.min(index, ordered.length)), 0, moved.module)
  }
  for (const [index, module] of ordered.entries()) {
    if (module.position !== index + 1 || !module.$isPersisted) {
      module.position = index + 1
      module.useTransaction(trx)
      await module.save()
    }
  }
  return ordered
}

/**
 * After the hours changed: a ready programme whose modules no longer add up
 * to its total goes back to draft. Returns the balance and whether it did.
 */
export async function draftIfHoursDiffer(programme: Programme, trx: TransactionClientContract) {
  const modules = await modulesOf(programme, trx)
  const balance = new CheckCurriculumHours().handle({
    totalHours: programme.totalHours,
    modules,
  })
  const backToDraft = programme.status === 'ready' && !balance.addsUp
  if (backToDraft) {
    programme.status = 'draft'
    programme.useTransaction(trx)
    await programme.save()
  }
  return { balance, backToDraft }
}

/**
 * Said when a change of hours puts a ready programme back to draft.
 */
export function backToDraftMessage(summary: string) {
  return `Les heures des modules ne font plus le total du programme (${summary}) : le programme repasse en brouillon. Corrigez les heures puis marquez-le de nouveau prêt.`
}
