import { DateTime } from 'luxon'
import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

let position = 10

/**
 * A session of the side's cohort, on `day` (Paris) at 9:00–12:30 unless told,
 * under a module of its own title so a test can find it in a page.
 */
export async function addSession(
  side: Side,
  title: string,
  day: DateTime,
  extra: Partial<ClassSession> = {}
) {
  const module = await ProgrammeModule.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    title,
    kind: 'digital',
    plannedHours: 7,
    position: position++,
    location: 'centre',
  })
  const start = day.setZone(PARIS).set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
  return ClassSession.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    programmeModuleId: module.id,
    trainerId: side.users.trainer.id,
    startsAt: start,
    endsAt: start.plus({ hours: 3, minutes: 30 }),
    room: 'Salle 2',
    isCancelled: false,
    ...extra,
  })
}

export function todayInParis() {
  return DateTime.now().setZone(PARIS).startOf('day')
}

/**
 * The text positions of each needle in the haystack, for order checks.
 */
export function positions(text: string, needles: string[]) {
  return needles.map((needle) => {
    const at = text.indexOf(needle)
    if (at < 0) throw new Error(`"${needle}" not found in the page`)
    return at
  })
}
