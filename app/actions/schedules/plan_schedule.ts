import { DateTime } from 'luxon'
import type { ModuleLocation } from '#enums/module_location'
import { PARIS } from '#services/sql_time'

/**
 * The schedule generator: pure, no database. From a weekly pattern, a
 * period, closures, public holidays and the curriculum, it lays out the
 * sessions so that each module gets exactly its planned hours.
 *
 * Decisions:
 * - Days are walked from the first to the last day of the period; a day
 *   is used when its weekday has slots in the pattern and it is neither a
 *   public holiday nor inside a closure.
 * - Modules come one after the other, in curriculum order. A slot is
 *   filled with the current module; when the module's hours are met in
 *   the middle of a slot, the next module takes the rest of the slot
 *   (the slot is split), so no time is lost and every module's hours are
 *   met to the minute. Only when the next module happens in another place
 *   (centre → company or back) is the rest of the slot left empty: nobody
 *   crosses town in the middle of a half-day.
 * - In-company modules (internships) keep the pattern's slots: they become
 *   sessions flagged `inCompany` (the trainee is expected at the company
 *   at those hours), without a room.
 * - No session starts before `notBefore` (regeneration from now on) nor
 *   overlaps a `busy` interval (kept sessions): such slots are skipped
 *   whole.
 */

export type WeeklySlot = {
  /** 1 = Monday … 7 = Sunday */
  weekday: number
  /** 'HH:mm', Paris time */
  start: string
  end: string
  /** The form row it came from, to put an error on the right field. */
  row?: number
}

export type Closure = { from: string; to: string; row?: number }

export type ModuleToPlan = {
  id: number
  title: string
  plannedHours: number
  location: ModuleLocation
  /** Hours already held or kept (past sessions, sessions with attendance). */
  doneHours?: number
}

export type PlannedSession = {
  moduleId: number
  /** UTC */
  startsAt: DateTime
  /** UTC */
  endsAt: DateTime
  inCompany: boolean
}

export type ModuleTally = {
  moduleId: number
  title: string
  plannedMinutes: number
  doneMinutes: number
  newMinutes: number
  /** done + new */
  scheduledMinutes: number
}

export type PlanInput = {
  /** ISO dates, both included */
  startsOn: string
  endsOn: string
  pattern: WeeklySlot[]
  closures?: Closure[]
  /** ISO date → name */
  holidays?: Map<string, string> | Record<string, string>
  modules: ModuleToPlan[]
  notBefore?: DateTime
  busy?: { startsAt: DateTime; endsAt: DateTime }[]
}

export type PlanResult = {
  sessions: PlannedSession[]
  modules: ModuleTally[]
  /** Public holidays that fell on a day of the pattern. */
  skippedHolidays: { date: string; name: string }[]
  /** Days of the pattern inside a closure. */
  closedDays: string[]
}

export type ScheduleErrorCode =
  | 'no_slot'
  | 'bad_slot'
  | 'slot_order'
  | 'slot_overlap'
  | 'bad_period'
  | 'bad_closure'
  | 'no_module'
  | 'empty_period'
  | 'holidays_only'
  | 'not_enough_time'
  | 'cohort_closed'
  | 'confirmation_needed'

/**
 * A schedule that cannot be made, with a French message for the person and
 * the form field it concerns (null: the form as a whole).
 */
export class ScheduleError extends Error {
  constructor(
    public code: ScheduleErrorCode,
    message: string,
    public field: string | null = null,
    public missingMinutes = 0
  ) {
    super(message)
    this.name = 'ScheduleError'
  }
}

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function weekdayName(weekday: number) {
  return WEEKDAYS[weekday] ?? String(weekday)
}

/**
 * 1440 → '24 h', 90 → '1 h 30', 45 → '45 min'.
 */
export function formatMinutes(total: number) {
  const minutes = Math.round(Math.abs(total))
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`
}

function toMinutes(time: string) {
  const match = TIME.exec(time)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

function hoursToMinutes(hours: number) {
  return Math.round(Number(hours) * 60)
}

function slotField(slot: WeeklySlot, part: 'weekday' | 'start' | 'end') {
  const name = part === 'weekday' ? 'day' : part
  return slot.row === undefined ? 'pattern' : `pattern.${slot.row}.${name}`
}

/**
 * The pattern's slots by weekday, sorted, after checking each slot.
 */
function slotsByWeekday(pattern: WeeklySlot[]) {
  if (pattern.length === 0) {
    throw new ScheduleError(
      'no_slot',
      'Le modèle de semaine n’a aucun créneau. Ajoutez au moins un créneau : un jour, une heure de début, une heure de fin.',
      'pattern'
    )
  }
  const byDay = new Map<number, (WeeklySlot & { from: number; to: number })[]>()
  for (const slot of pattern) {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
      throw new ScheduleError(
        'bad_slot',
        'Choisissez un jour de la semaine.',
        slotField(slot, 'weekday')
      )
    }
    const from = toMinutes(slot.start)
    const to = toMinutes(slot.end)
    if (from === null || to === null) {
      throw new ScheduleError(
        'bad_slot',
        'Écrivez l’heure sous la forme 09:00.',
        slotField(slot, from === null ? 'start' : 'end')
      )
    }
    if (to <= from) {
      throw new ScheduleError(
        'slot_order',
        `Le créneau du ${weekdayName(slot.weekday)} finit avant de commencer (${slot.start} – ${slot.end}) : l’heure de fin doit être après l’heure de début.`,
        slotField(slot, 'end')
      )
    }
    const list = byDay.get(slot.weekday) ?? []
    list.push({ ...slot, from, to })
    byDay.set(slot.weekday, list)
  }
  for (const [weekday, list] of byDay) {
    list.sort((a, b) => a.from - b.from)
    for (let i = 1; i < list.length; i++) {
      if (list[i].from < list[i - 1].to) {
        throw new ScheduleError(
          'slot_overlap',
          `Deux créneaux du ${weekdayName(weekday)} se chevauchent (${list[i - 1].start} – ${list[i - 1].end} et ${list[i].start} – ${list[i].end}).`,
          slotField(list[i], 'start')
        )
      }
    }
  }
  return byDay
}

function checkPeriod(startsOn: string, endsOn: string, closures: Closure[]) {
  if (!ISO_DATE.test(startsOn) || !ISO_DATE.test(endsOn) || endsOn < startsOn) {
    throw new ScheduleError(
      'bad_period',
      'Les dates de la promotion ne vont pas : la date de fin est avant la date de début.'
    )
  }
  for (const closure of closures) {
    if (!ISO_DATE.test(closure.from) || !ISO_DATE.test(closure.to) || closure.to < closure.from) {
      throw new ScheduleError(
        'bad_closure',
        'Le dernier jour de la fermeture doit être le même jour que le premier ou après.',
        closure.row === undefined ? 'closures' : `closures.${closure.row}.to`
      )
    }
  }
}

export function planSchedule(input: PlanInput): PlanResult {
  const closures = input.closures ?? []
  const slots = slotsByWeekday(input.pattern)
  checkPeriod(input.startsOn, input.endsOn, closures)

  const holidays =
    input.holidays instanceof Map ? input.holidays : new Map(Object.entries(input.holidays ?? {}))
  const queue = input.modules
    .map((module) => {
      const planned = hoursToMinutes(module.plannedHours)
      const done = hoursToMinutes(module.doneHours ?? 0)
      return { module, planned, done, added: 0, remaining: Math.max(0, planned - done) }
    })
    .filter((entry) => entry.planned > 0)
  if (queue.length === 0) {
    throw new ScheduleError(
      'no_module',
      'Le programme de cette promotion n’a aucun module avec des heures. Ajoutez ses modules avant de générer le planning.'
    )
  }

  const busy = (input.busy ?? []).map((interval) => ({
    from: interval.startsAt.toMillis(),
    to: interval.endsAt.toMillis(),
  }))
  const notBefore = input.notBefore?.toMillis() ?? Number.NEGATIVE_INFINITY
  const sessions: PlannedSession[] = []
  const skippedHolidays: PlanResult['skippedHolidays'] = []
  const closedDays: string[] = []
  let patternDays = 0
  let openDays = 0
  let current = queue.findIndex((entry) => entry.remaining > 0)
  if (current === -1) current = queue.length

  const last = DateTime.fromISO(input.endsOn, { zone: PARIS })
  for (
    let day = DateTime.fromISO(input.startsOn, { zone: PARIS });
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    const daySlots = slots.get(day.weekday)
    if (!daySlots) continue
    patternDays++
    const date = day.toISODate()!
    const holiday = holidays.get(date)
    if (holiday) {
      if (day.endOf('day').toMillis() >= notBefore) skippedHolidays.push({ date, name: holiday })
      continue
    }
    if (closures.some((closure) => date >= closure.from && date <= closure.to)) {
      if (day.endOf('day').toMillis() >= notBefore) closedDays.push(date)
      continue
    }
    openDays++
    if (current >= queue.length) continue

    for (const slot of daySlots) {
      if (current >= queue.length) break
      const start = day.set({ hour: Math.floor(slot.from / 60), minute: slot.from % 60 })
      const end = day.set({ hour: Math.floor(slot.to / 60), minute: slot.to % 60 })
      if (start.toMillis() < notBefore) continue
      if (busy.some((b) => b.from < end.toMillis() && b.to > start.toMillis())) continue

      let cursor = start
      while (cursor < end && current < queue.length) {
        const entry = queue[current]
        const available = Math.round(end.diff(cursor, 'minutes').minutes)
        const take = Math.min(available, entry.remaining)
        const until = cursor.plus({ minutes: take })
        sessions.push({
          moduleId: entry.module.id,
          startsAt: cursor.toUTC(),
          endsAt: until.toUTC(),
          inCompany: entry.module.location === 'company',
        })
        entry.remaining -= take
        entry.added += take
        cursor = until
        if (entry.remaining === 0) {
          current++
          while (current < queue.length && queue[current].remaining === 0) current++
          const next = queue[current]
          if (next && next.module.location !== entry.module.location) break
        }
      }
    }
  }

  if (patternDays > 0 && openDays === 0) {
    throw new ScheduleError(
      'holidays_only',
      'La période ne contient que des jours fériés ou des jours de fermeture : aucune séance n’est possible.'
    )
  }
  if (patternDays === 0) {
    throw new ScheduleError(
      'empty_period',
      'Aucun jour de la période ne correspond au modèle de semaine : aucune séance n’est possible.'
    )
  }
  const missing = queue.reduce((sum, entry) => sum + entry.remaining, 0)
  if (missing > 0) {
    const unfinished = queue[current]
    throw new ScheduleError(
      'not_enough_time',
      `Il manque ${formatMinutes(missing)} : la période se termine avant la fin du module ${unfinished.module.title}.`,
      null,
      missing
    )
  }

  return {
    sessions,
    modules: queue.map((entry) => ({
      moduleId: entry.module.id,
      title: entry.module.title,
      plannedMinutes: entry.planned,
      doneMinutes: entry.done,
      newMinutes: entry.added,
      scheduledMinutes: entry.done + entry.added,
    })),
    skippedHolidays,
    closedDays,
  }
}
