import { DateTime } from 'luxon'
import type ClassSession from '#models/class_session'
import User from '#models/user'
import { sessionLine, dayAndMonth } from '#actions/calendars/session_line'
import { loadRollCallRows, type RollCallRecord } from '#actions/roll_calls/roll_call_rows'
import { fingerprint, recordValue } from '#actions/roll_calls/plan_roll_call'
import {
  clock,
  isOpenYet,
  isOver,
  isSigningOpen,
  opensAt,
} from '#actions/roll_calls/roll_call_rules'
import { rollCallArea } from '#actions/roll_calls/find_roll_call_session'
import { PARIS } from '#services/sql_time'

export const STATUS_OPTIONS = [
  { value: 'present', label: 'Présent' },
  { value: 'late', label: 'En retard' },
  { value: 'absent', label: 'Absent' },
] as const

/**
 * Everything the roll call page shows: the session, where its roll call
 * stands (taken, signed, open, over, cancelled) and one line per expected
 * trainee with their record and its proof. Three queries whatever the
 * number of trainees (session, lines, the person who took the roll call).
 */
export default class BuildRollCallPage {
  async handle({
    session,
    user,
    now = DateTime.now(),
  }: {
    session: ClassSession
    user: User
    now?: DateTime
  }) {
    const [rows, takenBy] = await Promise.all([
      loadRollCallRows(session),
      session.rollCallById ? User.find(session.rollCallById) : null,
    ])

    const lines = rows.map((row) => ({
      key: row.key,
      name: row.name,
      status: row.record?.status ?? null,
      minutesMissed: row.record?.minutesMissed ?? 0,
      paper: row.record?.signatureMethod === 'paper',
      seen: fingerprint(recordValue(row.record)),
      proof: proofOf(row.record),
    }))
    const counts = { present: 0, late: 0, absent: 0, none: 0 }
    for (const line of lines) counts[line.status ?? 'none']++

    const area = rollCallArea(user)
    return {
      classSession: session,
      line: sessionLine(session),
      lines,
      counts,
      area,
      statusOptions: STATUS_OPTIONS,
      durationMinutes: session.durationMinutes,
      canRecordPaper: user.isManager,
      signsAsTrainer: user.isTrainer && session.trainerId === user.id,
      phase: {
        cancelled: session.isCancelled,
        open: isOpenYet(session, now),
        over: isOver(session, now),
        signingOpen: !session.isCancelled && isSigningOpen(session, now),
        opensAt: clock(opensAt(session)),
      },
      rollCall: session.rollCallAt
        ? { when: when(session.rollCallAt), by: takenBy?.fullName ?? null }
        : null,
      trainerSignature: session.trainerSignedAt
        ? {
            when: when(session.trainerSignedAt),
            how:
              session.trainerSignatureMethod === 'paper'
                ? 'sur la feuille papier'
                : 'dans l’application',
          }
        : null,
    }
  }
}

/**
 * "le 26 novembre à 09h05".
 */
function when(value: DateTime) {
  return `le ${dayAndMonth(value.setZone(PARIS))} à ${clock(value)}`
}

/**
 * What proves a line, in words.
 */
function proofOf(record: RollCallRecord | null) {
  if (!record) return null
  if (record.announcedAt && record.status === 'absent') {
    return `Absence annoncée ${when(record.announcedAt)}`
  }
  if (!record.signedAt) return null
  switch (record.signatureMethod) {
    case 'trainee_phone':
      return `A signé sur son téléphone à ${clock(record.signedAt)}`
    case 'trainer':
      return `Présence signée par le formateur à ${clock(record.signedAt)}`
    case 'paper':
      return 'A signé la feuille papier'
    default:
      return null
  }
}
