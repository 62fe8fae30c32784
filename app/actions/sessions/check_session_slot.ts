import { DateTime } from 'luxon'
import { errors } from '@vinejs/vine'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import ClassSession from '#models/class_session'
import type Cohort from '#models/cohort'
import { PARIS, sqlDateTime } from '#services/sql_time'
import { frenchSlot } from '#actions/sessions/session_wording'

/**
 * A problem with a session, on the form field it concerns.
 */
export type SessionProblem = { field: string; message: string }

export type SessionSlot = {
  cohort: Pick<Cohort, 'id' | 'siteId' | 'startsOn' | 'endsOn'>
  /**
   * The session being changed (it never clashes with itself).
   */
  sessionId?: number | null
  startsAt: DateTime
  endsAt: DateTime
  trainerId: number | null
  room: string | null
  isCancelled?: boolean
  /**
   * "Le formateur anime les deux groupes ensemble": the trainer may then
   * teach another session of the SAME cohort at the same time.
   */
  allowSharedTrainer?: boolean
}

/**
 * A Paris day and two Paris times ("2026-03-02", "09:00", "12:30") as the
 * UTC start and end of a session.
 */
export function parisSlot(date: string, startTime: string, endTime: string) {
  return {
    startsAt: DateTime.fromISO(`${date}T${startTime}`, { zone: PARIS }).toUTC(),
    endsAt: DateTime.fromISO(`${date}T${endTime}`, { zone: PARIS }).toUTC(),
  }
}

/**
 * Refuses a session, with the problems on their fields (shown on the form
 * like any validation error).
 */
export function refuse(problems: SessionProblem[]): never {
  throw new errors.E_VALIDATION_ERROR(problems.map((problem) => ({ ...problem, rule: 'session' })))
}

/**
 * The rules every write of a session follows (edit, add, restore):
 *   - it ends after it starts, on a day within the cohort's dates;
 *   - its trainer is in no other non-cancelled session at the same time,
 *     except another session of the same cohort when the coordinator said
 *     the trainer teaches both groups together;
 *   - its room (same site, same name whatever the case and spaces) holds
 *     no other non-cancelled session at the same time.
 * Two sessions overlap when each starts before the other ends: 9–12 and
 * 12–13 do not. One query per clash check.
 */
export default class CheckSessionSlot {
  async handle(slot: SessionSlot, client?: QueryClientContract): Promise<SessionProblem[]> {
    const problems: SessionProblem[] = []
    const { startsAt, endsAt, cohort } = slot

    if (endsAt <= startsAt) {
      problems.push({
        field: 'end_time',
        message: endsAt.equals(startsAt)
          ? 'L’heure de fin doit être après l’heure de début : une séance ne peut pas commencer et finir à la même heure.'
          : 'L’heure de fin doit être après l’heure de début.',
      })
    }

    const day = startsAt.setZone(PARIS).toISODate()!
    if (day < cohort.startsOn.toISODate()! || day > cohort.endsOn.toISODate()!) {
      const format = (date: DateTime) => date.setLocale('fr').toFormat('d LLLL yyyy')
      problems.push({
        field: 'date',
        message: `Choisissez une date entre le ${format(cohort.startsOn)} et le ${format(cohort.endsOn)} : ce sont les dates de la promotion.`,
      })
    }

    if (problems.length || slot.isCancelled) return problems

    const trainerClash = await this.trainerClash(slot, client)
    if (trainerClash) problems.push(trainerClash)
    const roomClash = await this.roomClash(slot, client)
    if (roomClash) problems.push(roomClash)
    return problems
  }

  /**
   * Throws the problems as field errors, if there are any.
   */
  async assert(slot: SessionSlot, client?: QueryClientContract) {
    const problems = await this.handle(slot, client)
    if (problems.length) refuse(problems)
  }

  private overlapping(slot: SessionSlot, client?: QueryClientContract) {
    return ClassSession.query({ client })
      .select(
        'class_sessions.*',
        'cohorts.name as cohort_name',
        'programme_modules.title as module_title',
        'users.full_name as trainer_name'
      )
      .join('cohorts', 'cohorts.id', 'class_sessions.cohort_id')
      .leftJoin('programme_modules', 'programme_modules.id', 'class_sessions.programme_module_id')
      .leftJoin('users', 'users.id', 'class_sessions.trainer_id')
      .where('class_sessions.is_cancelled', false)
      .where('class_sessions.starts_at', '<', sqlDateTime(slot.endsAt))
      .where('class_sessions.ends_at', '>', sqlDateTime(slot.startsAt))
      .if(slot.sessionId, (query) => query.whereNot('class_sessions.id', slot.sessionId!))
      .orderBy('class_sessions.starts_at', 'asc')
      .orderBy('class_sessions.id', 'asc')
  }

  private async trainerClash(slot: SessionSlot, client?: QueryClientContract) {
    if (!slot.trainerId) return null
    const other = await this.overlapping(slot, client)
      .where('class_sessions.trainer_id', slot.trainerId)
      .if(slot.allowSharedTrainer, (query) =>
        query.whereNot('class_sessions.cohort_id', slot.cohort.id)
      )
      .first()
    if (!other) return null

    let message = `${other.$extras.trainer_name} anime déjà ${describe(other)}.`
    if (other.cohortId === slot.cohort.id) {
      message +=
        ' Si le formateur anime les deux groupes ensemble, cochez la case « Le formateur anime les deux groupes ensemble ».'
    }
    return { field: 'trainer_id', message }
  }

  private async roomClash(slot: SessionSlot, client?: QueryClientContract) {
    const room = slot.room?.trim()
    if (!room) return null
    const other = await this.overlapping(slot, client)
      .where('cohorts.site_id', slot.cohort.siteId)
      .whereRaw('LOWER(TRIM(class_sessions.room)) = LOWER(?)', [room])
      .first()
    if (!other) return null
    return {
      field: 'room',
      message: `La salle « ${other.room!.trim()} » est déjà prise par ${describe(other)}.`,
    }
  }
}

/**
 * « Remise à niveau maths » de Digit'Elles Rouen le mardi 1 décembre de 9 h à 12 h 30
 */
function describe(session: ClassSession) {
  const what = session.$extras.module_title ?? 'Séance'
  return `« ${what} » de ${session.$extras.cohort_name} ${frenchSlot(session.startsAt, session.endsAt)}`
}
