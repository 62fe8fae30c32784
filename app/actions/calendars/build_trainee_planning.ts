import type { DateTime } from 'luxon'
import { personSessions, withSessionDetails } from '#actions/calendars/person_sessions'
import { dayAndMonth, sessionLine, type SessionLine } from '#actions/calendars/session_line'
import type User from '#models/user'
import { PARIS, nowInParis, sqlDateTime } from '#services/sql_time'

/**
 * How many weeks after the current one "Mon planning" shows.
 */
export const PLANNING_NEXT_WEEKS = 4

export type TraineePlanning = {
  today: DateTime
  todays: SessionLine[]
  thisWeek: SessionLine[]
  weeks: { start: DateTime; heading: string; sessions: SessionLine[] }[]
}

/**
 * "Mon planning": today's sessions, then the rest of this week, then the
 * next weeks one by one (Paris time), cancelled ones included.
 */
export default class BuildTraineePlanning {
  async handle({ user, now = nowInParis() }: { user: User; now?: DateTime }) {
    const today = now.setZone(PARIS).setLocale('fr').startOf('day')
    const tomorrow = today.plus({ days: 1 })
    const nextWeek = today.startOf('week').plus({ weeks: 1 })
    const until = nextWeek.plus({ weeks: PLANNING_NEXT_WEEKS })

    const sessions = await withSessionDetails(personSessions(user))
      .where('ends_at', '>', sqlDateTime(today))
      .where('starts_at', '<', sqlDateTime(until))
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')

    const planning: TraineePlanning = { today, todays: [], thisWeek: [], weeks: [] }
    for (const line of sessions.map(sessionLine)) {
      if (line.startsAt < tomorrow) {
        planning.todays.push(line)
      } else if (line.startsAt < nextWeek) {
        planning.thisWeek.push(line)
      } else {
        const start = line.startsAt.startOf('week')
        let week = planning.weeks.at(-1)
        if (!week || +week.start !== +start) {
          week = { start, heading: `Semaine du ${dayAndMonth(start)}`, sessions: [] }
          planning.weeks.push(week)
        }
        week.sessions.push(line)
      }
    }
    return planning
  }
}
