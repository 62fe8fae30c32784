import { DateTime } from 'luxon'
import AttendanceRecord from '#models/attendance_record'
import type User from '#models/user'
import { personSessions, withSessionDetails } from '#actions/calendars/person_sessions'
import { sessionLine, type SessionLine } from '#actions/calendars/session_line'
import { clock, isOpenYet, isOver, opensAt } from '#actions/roll_calls/roll_call_rules'
import { PARIS, sqlDateTime } from '#services/sql_time'

export type SigningSession = {
  line: SessionLine
  /** 'open': the trainee may sign now; 'later': not yet; 'over': closed. */
  state: 'open' | 'later' | 'over'
  opensAt: string
  /** What is already recorded, in words, or null. */
  recorded: string | null
  /** Open, not signed yet, no absence announced. */
  canSign: boolean
}

/**
 * "Signer ma présence": the trainee's sessions of today (Paris), each with
 * whether signing is open, and what is already recorded for them. Two
 * queries (sessions with details, the trainee's records at them).
 * `asked` is the session and code a QR code brought (`?seance=&code=`):
 * the code is put in the form of that session, never sent by itself.
 */
export default class BuildSigningPage {
  async handle({
    user,
    asked,
    now = DateTime.now(),
  }: {
    user: User
    asked?: { sessionId: unknown; code: unknown }
    now?: DateTime
  }) {
    const today = now.setZone(PARIS).startOf('day')
    const sessions = await withSessionDetails(personSessions(user))
      .where('is_cancelled', false)
      .where('starts_at', '>=', sqlDateTime(today))
      .where('starts_at', '<', sqlDateTime(today.plus({ days: 1 })))
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')

    const records = sessions.length
      ? await AttendanceRecord.query()
          .whereIn(
            'class_session_id',
            sessions.map((session) => session.id)
          )
          .whereIn('enrollment_id', (enrollments) =>
            enrollments
              .from('enrollments')
              .join('trainees', 'trainees.id', 'enrollments.trainee_id')
              .where('trainees.user_id', user.id)
              .select('enrollments.id')
          )
      : []
    const recordOf = new Map(records.map((record) => [record.classSessionId, record]))

    const list: SigningSession[] = sessions.map((session) => {
      const record = recordOf.get(session.id) ?? null
      const state = isOver(session, now) ? 'over' : isOpenYet(session, now) ? 'open' : 'later'
      const announced = record?.status === 'absent' && record.announcedAt !== null
      return {
        line: sessionLine(session),
        state,
        opensAt: clock(opensAt(session)),
        recorded: recordedText(record),
        canSign: state === 'open' && !record?.signedAt && !announced,
      }
    })

    const askedId = Number(asked?.sessionId)
    const askedCode =
      typeof asked?.code === 'string' && /^\d{6}$/.test(asked.code) ? asked.code : null
    const toSign = list.filter((entry) => entry.canSign)
    return {
      today: today.setLocale('fr'),
      sessions: list,
      toSign,
      prefill:
        askedCode && toSign.some((entry) => entry.line.id === askedId)
          ? { sessionId: askedId, code: askedCode }
          : null,
    }
  }
}

function recordedText(record: AttendanceRecord | null) {
  if (!record) return null
  if (record.signedAt) {
    const at = clock(record.signedAt)
    if (record.signatureMethod === 'trainee_phone') return `Vous avez signé à ${at}.`
    if (record.signatureMethod === 'paper') return 'Vous avez signé la feuille papier.'
    return `Votre présence est notée par votre formateur ou formatrice (${at}).`
  }
  if (record.status === 'absent') {
    return record.announcedAt ? 'Vous avez annoncé votre absence.' : 'Vous êtes noté absent.'
  }
  return 'Votre présence est notée.'
}
