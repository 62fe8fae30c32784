import type { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import type AttendanceRecord from '#models/attendance_record'
import { PARIS, sqlDateTime } from '#services/sql_time'
import { isEnrolledOn } from '#actions/absences/enrolled_on'
import {
  HALF_DAY_LABELS,
  longDay,
  minutesLabel,
  shortMoment,
  timeRange,
} from '#actions/absences/absence_labels'

export type SheetLine = {
  name: string
  /** The signature proof in words, or null: an empty box to sign on paper. */
  proof: string | null
  /** A remark next to an empty box ("Retard de 20 min"). */
  note: string | null
}

/**
 * One attendance sheet ("feuille d'émargement"): one session, one line per
 * trainee expected that day, the trainer's signature.
 */
export type AttendanceSheet = {
  sessionId: number
  organization: { name: string; identifiers: string | null }
  programme: string
  cohort: string
  module: string
  trainer: string
  place: string
  day: string
  time: string
  duration: string
  halfDay: string
  isCancelled: boolean
  lines: SheetLine[]
  trainerProof: string | null
}

/**
 * The attendance sheets of one session, or of a cohort's week (one per
 * session, cancelled ones left out). A bounded number of queries whatever
 * the number of sessions and trainees.
 */
export default class LoadAttendanceSheets {
  async forSession(session: ClassSession) {
    const cohort = await this.cohort(session.cohortId)
    await session.load((loader) => {
      loader.load('programmeModule').load('trainer').load('attendanceRecords')
    })
    return this.sheets(cohort, [session])
  }

  async forWeek(cohort: Cohort, weekStart: DateTime) {
    const full = await this.cohort(cohort.id)
    const sessions = await ClassSession.query()
      .where('cohort_id', cohort.id)
      .where('is_cancelled', false)
      .where('starts_at', '>=', sqlDateTime(weekStart))
      .where('starts_at', '<', sqlDateTime(weekStart.plus({ weeks: 1 })))
      .preload('programmeModule')
      .preload('trainer')
      .preload('attendanceRecords')
      .orderBy('starts_at', 'asc')
      .orderBy('id', 'asc')
    return this.sheets(full, sessions)
  }

  private cohort(id: number) {
    return Cohort.query()
      .where('id', id)
      .preload('organization')
      .preload('programme')
      .preload('site')
      .firstOrFail()
  }

  private async sheets(cohort: Cohort, sessions: ClassSession[]): Promise<AttendanceSheet[]> {
    const enrollments = await Enrollment.query().where('cohort_id', cohort.id).preload('trainee')
    enrollments.sort((a, b) =>
      `${a.trainee.lastName} ${a.trainee.firstName}`.localeCompare(
        `${b.trainee.lastName} ${b.trainee.firstName}`,
        'fr'
      )
    )
    const organization = cohort.organization
    const identifiers = [
      organization.siret ? `SIRET ${organization.siret}` : null,
      organization.nda ? `Déclaration d’activité n° ${organization.nda}` : null,
    ].filter(Boolean)

    return sessions.map((session) => {
      const records = new Map(
        session.attendanceRecords.map((record) => [record.enrollmentId, record])
      )
      const lines = enrollments
        .filter(
          (enrollment) => records.has(enrollment.id) || isEnrolledOn(enrollment, session.startsAt)
        )
        .map((enrollment) => sheetLine(enrollment, records.get(enrollment.id) ?? null))
      return {
        sessionId: session.id,
        organization: {
          name: organization.name,
          identifiers: identifiers.length ? identifiers.join(' – ') : null,
        },
        programme: cohort.programme.title,
        cohort: cohort.name,
        module: session.programmeModule?.title ?? 'Formation',
        trainer: session.trainer?.fullName ?? 'Non désigné',
        place: [cohort.site?.name, session.room].filter(Boolean).join(', '),
        day: longDay(session.startsAt),
        time: timeRange(session.startsAt, session.endsAt),
        duration: minutesLabel(session.durationMinutes),
        halfDay: HALF_DAY_LABELS[session.halfDay],
        isCancelled: session.isCancelled,
        lines,
        trainerProof: trainerProof(session),
      }
    })
  }
}

function sheetLine(enrollment: Enrollment, record: AttendanceRecord | null): SheetLine {
  const name = `${enrollment.trainee.lastName.toLocaleUpperCase('fr')} ${enrollment.trainee.firstName}`
  return { name, ...signatureProof(record) }
}

/**
 * The proof of a trainee's signature in words, as the sheet shows it.
 */
export function signatureProof(record: AttendanceRecord | null) {
  if (!record) return { proof: null, note: null }
  if (record.status === 'absent') {
    const decision =
      record.absenceJustified === true
        ? 'justifié'
        : record.absenceJustified === false
          ? 'non justifié'
          : 'à justifier'
    return {
      proof: `Absent·e – ${decision}${record.announcedAt ? ' (absence annoncée)' : ''}`,
      note: null,
    }
  }
  const late = record.status === 'late' ? `Retard de ${minutesLabel(record.minutesMissed)}` : null
  if (!record.signedAt) return { proof: null, note: late }
  const signed =
    record.signatureMethod === 'trainee_phone'
      ? `Signé sur téléphone le ${shortMoment(record.signedAt)}`
      : record.signatureMethod === 'trainer'
        ? `Signé par le formateur le ${shortMoment(record.signedAt)}`
        : 'Signé sur la feuille papier'
  return { proof: late ? `${late} – ${signed}` : signed, note: null }
}

function trainerProof(session: ClassSession) {
  if (!session.trainerSignedAt) return null
  const who = session.trainer?.fullName ?? 'le formateur'
  if (session.trainerSignatureMethod === 'paper') return `Signé par ${who} sur la feuille papier`
  return `Signé par ${who} le ${shortMoment(session.trainerSignedAt.setZone(PARIS))}`
}
