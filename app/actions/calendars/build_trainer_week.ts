import { DateTime } from 'luxon'
import { personSessions, withSessionDetails } from '#actions/calendars/person_sessions'
import { sessionLine, type SessionLine } from '#actions/calendars/session_line'
import type User from '#models/user'
import { sqlDateTime } from '#services/sql_time'
import { askedWeekStart, parisWeek } from '#services/week'

/**
 * The Monday of the week asked for in `?semaine=`, or of the current week.
 */
export function weekStartFrom(value: unknown, now: DateTime = DateTime.now()) {
  return askedWeekStart(value) ?? parisWeek(now).start
}

/**
 * A trainer's sessions of one week, grouped by day, each with its cohort's
 * number of enrolled trainees.
 */
export default class BuildTrainerWeek {
  async handle({ user, week, now }: { user: User; week?: unknown; now?: DateTime }) {
    const start = weekStartFrom(week, now).setLocale('fr')
    const end = start.plus({ weeks: 1 })

    const sessions = await withSessionDetails(personSessions(user), { enrolledCount: true })
      .where('starts_at', '>=', sqlDateTime(start))
      .where('starts_at', '<', sqlDateTime(end))
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')

    const days: { date: DateTime; sessions: SessionLine[] }[] = []
    for (const line of sessions.map(sessionLine)) {
      const date = line.startsAt.startOf('day')
      let day = days.at(-1)
      if (!day || +day.date !== +date) {
        day = { date, sessions: [] }
        days.push(day)
      }
      day.sessions.push(line)
    }

    return {
      start,
      end: end.minus({ days: 1 }),
      previous: start.minus({ weeks: 1 }).toISODate()!,
      next: end.toISODate()!,
      isCurrent: +start === +parisWeek(now).start,
      days,
    }
  }
}
