import ical, { ICalEventStatus } from 'ical-generator'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import { DateTime } from 'luxon'
import { personSessions, withSessionDetails } from '#actions/calendars/person_sessions'
import { sessionLine } from '#actions/calendars/session_line'
import User from '#models/user'
import { appUrl } from '#config/app'
import { PARIS, sqlDateTime } from '#services/sql_time'

/**
 * The feed covers sessions from this long ago to this far ahead.
 */
export const FEED_WINDOW = { past: { days: 30 }, future: { years: 1 } }

/**
 * A person's private iCalendar feed, found by its token: their sessions
 * (see personSessions) from 30 days ago to a year ahead, in Paris time,
 * cancelled ones marked STATUS:CANCELLED. Returns null for an unknown
 * token or a disabled account.
 *
 * Every event carries the Paris time zone itself and the calendar a
 * VTIMEZONE generator (a calendar-level zone alone writes floating times).
 * UIDs are stable ("session-<id>@<host>") so a phone updates the event it
 * already has.
 */
export default class BuildCalendarFeed {
  async handle({ token, now = DateTime.now() }: { token: string; now?: DateTime }) {
    if (!token || token.length > 64) return null
    const user = await User.query()
      .where('calendar_token', token)
      .where('is_active', true)
      .whereNotNull('organization_id')
      .first()
    if (!user) return null

    const sessions = await withSessionDetails(personSessions(user))
      .where('starts_at', '>=', sqlDateTime(now.minus(FEED_WINDOW.past)))
      .where('starts_at', '<', sqlDateTime(now.plus(FEED_WINDOW.future)))
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')

    const host = new URL(appUrl).hostname
    const calendar = ical({
      name: 'Cohorte : mes séances',
      prodId: { company: 'Cohorte', product: 'planning', language: 'FR' },
      timezone: { name: null, generator: getVtimezoneComponent },
      ttl: 60 * 60,
    })

    for (const line of sessions.map(sessionLine)) {
      const notes = [
        line.trainerName ? `Avec : ${line.trainerName}` : null,
        line.isChanged ? 'Cette séance a changé.' : null,
      ]
      calendar.createEvent({
        id: `session-${line.id}@${host}`,
        start: line.startsAt,
        end: line.endsAt,
        timezone: PARIS.name,
        stamp: now.toJSDate(),
        lastModified: line.updatedAt.toJSDate(),
        summary: line.isCancelled ? `Annulée : ${line.title}` : line.title,
        location: line.place || null,
        description: notes.filter(Boolean).join('\n') || null,
        status: line.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      })
    }
    return { user, body: calendar.toString() }
  }
}
