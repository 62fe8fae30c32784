import { DateTime } from 'luxon'
import type Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import { PARIS, sqlDateTime } from '#services/sql_time'
import { askedWeekStart } from '#services/week'
import { sessionRow, type SessionRow } from '#actions/schedules/build_schedule_overview'

/**
 * One week of a cohort's schedule, for printing: the days from Monday to
 * Sunday (Paris time) with their sessions. The week is the one holding
 * `day` (an ISO date); without a valid date, this week when the cohort
 * runs now, else the cohort's first week.
 */
export default class BuildScheduleWeek {
  async handle({
    cohort,
    day,
    now = DateTime.now(),
  }: {
    cohort: Cohort
    day?: string | null
    now?: DateTime
  }) {
    const today = now.setZone(PARIS)
    const first = DateTime.fromISO(cohort.startsOn.toISODate()!, { zone: PARIS })
    const last = DateTime.fromISO(cohort.endsOn.toISODate()!, { zone: PARIS })
    const fallback = today >= first && today <= last.endOf('day') ? today : first
    const start = askedWeekStart(day) ?? fallback.startOf('week')
    const end = start.plus({ weeks: 1 })

    const sessions = await ClassSession.query()
      .where('cohort_id', cohort.id)
      .where('starts_at', '>=', sqlDateTime(start))
      .where('starts_at', '<', sqlDateTime(end))
      .preload('programmeModule')
      .preload('trainer')
      .orderBy('starts_at', 'asc')

    const days: { label: string; rows: SessionRow[] }[] = []
    for (let date = start; date < end; date = date.plus({ days: 1 })) {
      const rows = sessions
        .filter((session) => session.startsAt.setZone(PARIS).hasSame(date, 'day'))
        .map(sessionRow)
      if (rows.length || date.weekday <= 5) {
        days.push({ label: date.setLocale('fr').toFormat('cccc d LLLL'), rows })
      }
    }

    return {
      days,
      label: `Semaine du ${start.setLocale('fr').toFormat('d LLLL')} au ${end.minus({ days: 1 }).setLocale('fr').toFormat('d LLLL yyyy')}`,
      previous: start.minus({ weeks: 1 }).toISODate()!,
      next: start.plus({ weeks: 1 }).toISODate()!,
      current: start.toISODate()!,
    }
  }
}
