import db from '@adonisjs/lucid/services/db'
import type Programme from '#models/programme'
import type { ProgrammePayload } from '#validators/programme'
import { programmeAttributes } from '#actions/programmes/programme_attributes'
import { draftIfHoursDiffer } from '#actions/programmes/curriculum'

/**
 * Saves a programme's form. When its total hours change so that a ready
 * programme's modules no longer add up, it goes back to draft.
 */
export default class UpdateProgramme {
  async handle({ programme, payload }: { programme: Programme; payload: ProgrammePayload }) {
    return db.transaction(async (trx) => {
      programme.useTransaction(trx)
      programme.merge(programmeAttributes(payload, programme))
      await programme.save()
      return draftIfHoursDiffer(programme, trx)
    })
  }
}
