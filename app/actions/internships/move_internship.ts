import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Internship from '#models/internship'
import type { InternshipStatus } from '#enums/internship_status'
import type { InternshipMovePayload } from '#validators/internship'
import { NEXT_STATUSES, STATUS_LABELS } from '#actions/internships/internship_labels'
import { nowInParis } from '#services/sql_time'

/**
 * Which column keeps the day of each move.
 */
export const MOVE_DATE_COLUMNS = {
  agreement_sent: 'agreementSentOn',
  signed: 'signedOn',
  ongoing: 'startedOn',
  completed: 'completedOn',
  cancelled: 'cancelledOn',
} as const satisfies Partial<Record<InternshipStatus, keyof Internship>>

export type MoveResult = { moved: true } | { moved: false; field: string | null; message: string }

const day = (date: DateTime) => date.setLocale('fr').toFormat('dd/MM/yyyy')

/**
 * The last day a move was recorded on, if any.
 */
function lastMoveDay(internship: Internship) {
  const days = Object.values(MOVE_DATE_COLUMNS)
    .map((column) => internship[column])
    .filter((value): value is DateTime => value !== null && value !== undefined)
    .map((value) => DateTime.fromISO(value.toISODate()!))
  return days.length ? DateTime.max(...days) : null
}

/**
 * Moves an internship one step along draft → agreement sent → signed →
 * ongoing → completed, or cancels it (with a reason) before it is over.
 * The move's day is recorded: today by default, never in the future nor
 * before the previous move.
 */
export default class MoveInternship {
  async handle({
    internship,
    payload,
  }: {
    internship: Internship
    payload: InternshipMovePayload
  }): Promise<MoveResult> {
    const target = payload.status
    if (!NEXT_STATUSES[internship.status].includes(target)) {
      return {
        moved: false,
        field: null,
        message: `Un stage « ${STATUS_LABELS[internship.status]} » ne peut pas passer à « ${STATUS_LABELS[target]} ».`,
      }
    }
    const today = DateTime.fromISO(nowInParis().toISODate()!)
    const on = payload.on ? DateTime.fromISO(payload.on) : today
    if (on > today) {
      return { moved: false, field: 'on', message: 'La date ne peut pas être dans le futur.' }
    }
    const previous = lastMoveDay(internship)
    if (previous && on < previous) {
      return {
        moved: false,
        field: 'on',
        message: `La date ne peut pas être avant l’étape précédente (${day(previous)}).`,
      }
    }
    if (target === 'cancelled' && !payload.cancel_reason) {
      return {
        moved: false,
        field: 'cancel_reason',
        message: 'Indiquez pourquoi le stage est annulé.',
      }
    }

    await db.transaction(async (trx) => {
      internship.useTransaction(trx)
      internship.status = target
      internship[MOVE_DATE_COLUMNS[target]] = on
      if (target === 'cancelled') internship.cancelReason = payload.cancel_reason ?? null
      await internship.save()
    })
    return { moved: true }
  }
}
