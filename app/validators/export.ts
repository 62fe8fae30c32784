import vine from '@vinejs/vine'
import { rowId } from '#validators/ids'
import { FrenchMessagesProvider } from '#validators/french_messages'
import type { Infer } from '@vinejs/vine/types'

/**
 * An outcome export: which funder, over which period (both days included).
 */
export const outcomeExportValidator = vine.compile(
  vine.object({
    funder_id: rowId(),
    from: vine.date({ formats: ['YYYY-MM-DD'] }),
    to: vine.date({ formats: ['YYYY-MM-DD'] }).afterOrSameAs('from'),
  })
)

export type OutcomeExportPayload = Infer<typeof outcomeExportValidator>

export const outcomeExportMessages = new FrenchMessagesProvider(
  {
    'funder_id.required': 'Choisissez le financeur.',
    'funder_id.number': 'Choisissez le financeur dans la liste.',
    'funder_id.withoutDecimals': 'Choisissez le financeur dans la liste.',
    'funder_id.positive': 'Choisissez le financeur dans la liste.',
    'from.required': 'Indiquez le premier jour de la période.',
    'from.date': 'Indiquez le premier jour au format JJ/MM/AAAA.',
    'to.required': 'Indiquez le dernier jour de la période.',
    'to.date': 'Indiquez le dernier jour au format JJ/MM/AAAA.',
    'to.date.afterOrSameAs': 'Le dernier jour doit être le même jour que le premier, ou après.',
  },
  { funder_id: 'financeur', from: 'du', to: 'au' }
)
