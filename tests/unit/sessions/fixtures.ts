import { DateTime } from 'luxon'
import Organization from '#models/organization'
import User from '#models/user'
import Site from '#models/site'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import { PARIS } from '#services/sql_time'

let n = 0

/**
 * A Paris time on a day of December 2026 (Tuesday 1 December…), in UTC.
 */
export function paris(day: number, time: string, month = 12) {
  const [hour, minute] = time.split(':').map(Number)
  return DateTime.fromObject({ year: 2026, month, day, hour, minute }, { zone: PARIS }).toUTC()
}

/**
 * An organisation with one site, a programme with a maths module, two
 * cohorts at that site (November 2026 to January 2027), a trainer
 * "Julien Lemonnier" and a second trainer.
 */
export async function buildSchedule() {
  n++
  const organization = await Organization.create({ name: `Trajectio ${n}`, slug: `trajectio-${n}` })
  const site = await Site.create({
    organizationId: organization.id,
    name: 'Centre de Rouen',
    city: 'Rouen',
    postalCode: '76000',
    departmentCode: '76',
  })
  const otherSite = await Site.create({
    organizationId: organization.id,
    name: 'Centre du Havre',
    city: 'Le Havre',
    postalCode: '76600',
    departmentCode: '76',
  })
  const programme = await Programme.create({
    organizationId: organization.id,
    title: 'Digit’Elles',
    slug: `digitelles-${n}`,
    totalHours: 400,
    certificationKind: 'none',
    status: 'ready',
  })
  const maths = await ProgrammeModule.create({
    organizationId: organization.id,
    programmeId: programme.id,
    title: 'Remise à niveau maths',
    kind: 'maths',
    plannedHours: 200,
    position: 1,
    location: 'centre',
  })
  const digital = await ProgrammeModule.create({
    organizationId: organization.id,
    programmeId: programme.id,
    title: 'Numérique',
    kind: 'digital',
    plannedHours: 200,
    position: 2,
    location: 'centre',
  })
  const cohort = (name: string, siteId = site.id) =>
    Cohort.create({
      organizationId: organization.id,
      programmeId: programme.id,
      siteId,
      name,
      startsOn: DateTime.fromISO('2026-11-02'),
      endsOn: DateTime.fromISO('2027-01-29'),
      capacity: 12,
      status: 'running',
    })
  const rouen = await cohort("Digit'Elles Rouen")
  const elbeuf = await cohort("Digit'Elles Elbeuf")
  const havre = await cohort("Digit'Elles Le Havre", otherSite.id)
  const trainer = await User.create({
    organizationId: organization.id,
    fullName: 'Julien Lemonnier',
    email: `julien.${n}@trajectio.test`,
    password: 'password-123',
    role: 'trainer',
  })
  const otherTrainer = await User.create({
    organizationId: organization.id,
    fullName: 'Awa Ndiaye',
    email: `awa.${n}@trajectio.test`,
    password: 'password-123',
    role: 'trainer',
  })

  const addSession = (
    values: Partial<ClassSession> & { cohortId: number; startsAt: DateTime; endsAt: DateTime }
  ) =>
    ClassSession.create({
      organizationId: organization.id,
      programmeModuleId: maths.id,
      isCancelled: false,
      ...values,
    })

  return {
    organization,
    site,
    otherSite,
    programme,
    maths,
    digital,
    rouen,
    elbeuf,
    havre,
    trainer,
    otherTrainer,
    addSession,
  }
}
