import { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'
import ClassSession from '#models/class_session'
import ProgrammeModule from '#models/programme_module'
import type { Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'

/**
 * A day next week (Paris), within every world cohort's dates, as the date
 * input sends it.
 */
export function nextWeek(days = 7) {
  return DateTime.now().setZone(PARIS).startOf('day').plus({ days }).toISODate()!
}

/**
 * The Paris moment of a day and time, in UTC.
 */
export function parisMoment(date: string, time: string) {
  return DateTime.fromISO(`${date}T${time}`, { zone: PARIS }).toUTC()
}

/**
 * Gives the side's trainee an address of its own, so that reading the
 * shared test mailbox finds only this test's messages.
 */
export async function traineeAddress(side: Side) {
  side.trainee.email = `stagiaire.${randomUUID()}@exemple.test`
  await side.trainee.save()
  return side.trainee.email
}

/**
 * A valid form for a session of the side's cohort.
 */
export function sessionForm(side: Side, values: Record<string, unknown> = {}) {
  return {
    date: nextWeek(),
    start_time: '09:00',
    end_time: '12:30',
    programme_module_id: side.module.id,
    trainer_id: side.users.trainer.id,
    room: 'Salle 1',
    partner_company_id: '',
    ...values,
  }
}

/**
 * Another session of the side's organisation: in the side's cohort by
 * default, next week 9:00–12:30 with the side's trainer.
 */
export async function otherSession(side: Side, values: Partial<ClassSession> = {}) {
  const date = nextWeek()
  return ClassSession.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    programmeModuleId: side.module.id,
    trainerId: side.users.trainer.id,
    room: 'Salle 7',
    isCancelled: false,
    startsAt: parisMoment(date, '09:00'),
    endsAt: parisMoment(date, '12:30'),
    ...values,
  })
}

export async function mathsModule(side: Side) {
  return ProgrammeModule.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    title: 'Remise à niveau maths',
    kind: 'maths',
    plannedHours: 50,
    position: 2,
    location: 'centre',
  })
}
