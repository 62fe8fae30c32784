import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import Cohort from '#models/cohort'
import Trainee from '#models/trainee'
import type AttendanceRecord from '#models/attendance_record'
import type { Side } from '#tests/helpers/world'
import { storeProof } from '#services/absence_proofs'

/**
 * A person who applied once to the side's cohort and was rejected; the
 * application's last contact and last change are `at` (now by default).
 */
export async function rejectedApplicant(
  side: Side,
  name: string,
  { at = DateTime.now(), cohort = side.cohort }: { at?: DateTime; cohort?: Cohort } = {}
) {
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    firstName: name,
    lastName: 'Refusée',
    email: `${name.toLowerCase()}@${side.organization.slug}.test`,
    phone: '0612345678',
    birthDate: DateTime.fromISO('1999-08-20'),
    sex: 'female',
    addressLine: '3 rue des Lilas',
    postalCode: '76000',
    city: 'Rouen',
  })
  const application = new Application().fill({
    organizationId: side.organization.id,
    cohortId: cohort.id,
    traineeId: trainee.id,
    source: 'word_of_mouth',
    status: 'rejected',
    motivation: 'Je veux apprendre le numérique.',
    lastContactAt: at,
  })
  application.createdAt = at
  application.updatedAt = at
  await application.save()
  await ApplicationStatusChange.create({
    organizationId: side.organization.id,
    applicationId: application.id,
    fromStatus: 'submitted',
    toStatus: 'rejected',
    changedById: side.users.coordinator.id,
    note: 'Profil trop éloigné',
    createdAt: at,
  })
  return { trainee, application }
}

/**
 * Stores a (tiny) PDF as the record's absence proof; gives its key.
 */
export async function attachProof(record: AttendanceRecord) {
  const bytes = new TextEncoder().encode('%PDF-1.4\n% justificatif\n%%EOF\n')
  const key = await storeProof(record.organizationId, {
    bytes,
    ext: 'pdf',
    contentType: 'application/pdf',
  })
  await record.merge({ status: 'absent', absenceJustified: true, proofPath: key }).save()
  return key
}

export const fileExists = (key: string) => drive.use().exists(key)

/**
 * A cohort of the side's programme that ended on `endsOn`.
 */
export async function endedCohort(side: Side, name: string, endsOn: DateTime, esf = false) {
  return Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    name,
    startsOn: endsOn.minus({ months: 4 }),
    endsOn,
    capacity: 12,
    status: 'completed',
    esfCofinanced: esf,
  })
}
