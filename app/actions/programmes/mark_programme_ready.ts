import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import CheckCurriculumHours, {
  type CurriculumBalance,
} from '#actions/programmes/check_curriculum_hours'
import { modulesOf } from '#actions/programmes/curriculum'

export type MarkReadyResult =
  | { ready: true; balance: CurriculumBalance }
  | { ready: false; balance: CurriculumBalance; reason: string }

/**
 * Draft → ready, refused while the modules' hours differ from the
 * programme's total (or when the programme is archived).
 */
export default class MarkProgrammeReady {
  constructor(private checkHours = new CheckCurriculumHours()) {}

  async handle({ programme }: { programme: Programme }): Promise<MarkReadyResult> {
    return db.transaction(async (trx) => {
      const modules = await modulesOf(programme, trx)
      const balance = this.checkHours.handle({ totalHours: programme.totalHours, modules })

      if (programme.status === 'archived') {
        return {
          ready: false,
          balance,
          reason: 'Ce programme est archivé : il ne peut plus être marqué prêt.',
        }
      }
      if (!modules.length) {
        return {
          ready: false,
          balance,
          reason: 'Le programme ne peut pas être prêt : il n’a encore aucun module.',
        }
      }
      if (!balance.addsUp) {
        return {
          ready: false,
          balance,
          reason: `Le programme ne peut pas être prêt : les heures des modules doivent faire le total du programme. ${balance.summary}.`,
        }
      }

      programme.useTransaction(trx)
      programme.status = 'ready'
      await programme.save()
      return { ready: true, balance }
    })
  }
}
