import type { DateTime } from 'luxon'
import type ClassSession from '#models/class_session'
import { PARIS } from '#services/sql_time'

/**
 * What a person needs to know about one session, ready to show or to put in
 * a calendar: when (Paris time), what, where, with whom, and whether it is
 * cancelled or changed since the schedule was published.
 *
 * Expects `programmeModule`, `trainer`, `partnerCompany` and `cohort.site`
 * preloaded.
 */
export type SessionLine = {
  id: number
  startsAt: DateTime
  endsAt: DateTime
  /** "lundi 30 novembre" */
  dayLabel: string
  /** "de 09h00 à 12h30" */
  timeLabel: string
  title: string
  place: string
  room: string | null
  siteName: string | null
  trainerName: string | null
  cohortName: string
  inCompany: boolean
  isCancelled: boolean
  isChanged: boolean
  enrolledCount: number | null
  updatedAt: DateTime
}

export function sessionLine(session: ClassSession): SessionLine {
  const enrolled = session.cohort?.$extras.enrollments_count
  const startsAt = session.startsAt.setZone(PARIS).setLocale('fr')
  const endsAt = session.endsAt.setZone(PARIS).setLocale('fr')
  return {
    id: session.id,
    startsAt,
    endsAt,
    dayLabel: `${startsAt.toFormat('cccc')} ${dayAndMonth(startsAt)}`,
    timeLabel: `de ${startsAt.toFormat("HH'h'mm")} à ${endsAt.toFormat("HH'h'mm")}`,
    title: session.programmeModule?.title ?? 'Formation',
    place: sessionPlace(session),
    room: session.room?.trim() || null,
    siteName: session.cohort?.site?.name ?? null,
    trainerName: session.trainer?.fullName ?? null,
    cohortName: session.cohort?.name ?? '',
    inCompany: session.partnerCompanyId !== null,
    isCancelled: session.isCancelled,
    isChanged: isChangedAfterPublication(session),
    enrolledCount: enrolled === undefined ? null : Number(enrolled),
    updatedAt: session.updatedAt,
  }
}

/**
 * A session changed after trainees were shown the schedule.
 */
export function isChangedAfterPublication(session: ClassSession) {
  return (
    session.publishedAt !== null &&
    session.changedAt !== null &&
    session.changedAt > session.publishedAt
  )
}

/**
 * The partner company (with its town) for in-company sessions, the site and
 * room otherwise.
 */
export function sessionPlace(session: ClassSession) {
  const company = session.partnerCompanyId ? session.partnerCompany : null
  if (company) {
    return [`En entreprise : ${company.name}`, company.addressLine, company.city]
      .filter(Boolean)
      .join(', ')
  }
  const room = session.room?.trim()
  const roomLabel = room ? (/^salle\b/i.test(room) ? room : `salle ${room}`) : null
  return [session.cohort?.site?.name, roomLabel].filter(Boolean).join(', ')
}

/**
 * "30 novembre", "1er décembre".
 */
export function dayAndMonth(date: DateTime) {
  const day = date.day === 1 ? '1er' : String(date.day)
  return `${day} ${date.setLocale('fr').toFormat('LLLL')}`
}
