import { DateTime } from 'luxon'
import Organization from '#models/organization'
import Funder from '#models/funder'
import User from '#models/user'
import Site from '#models/site'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import Application from '#models/application'
import AttendanceRecord from '#models/attendance_record'
import PartnerCompany from '#models/partner_company'
import CompanyContact from '#models/company_contact'
import Internship from '#models/internship'
import ExportRun from '#models/export_run'
import drive from '@adonisjs/drive/services/main'
import type { Role } from '#enums/role'
import { PARIS } from '#services/sql_time'

export type Side = {
  organization: Organization
  funder: Funder
  users: Record<Role, User>
  site: Site
  programme: Programme
  module: ProgrammeModule
  cohort: Cohort
  trainee: Trainee
  application: Application
  enrollment: Enrollment
  /** Today 9:00–12:30 Paris, taught by the side's trainer, no roll call yet. */
  session: ClassSession
  /** Yesterday 13:30–17:00 Paris, taught by the side's trainer, roll call taken. */
  pastSession: ClassSession
  /** The trainee's attendance at `pastSession`: present, signed by the trainer. */
  attendance: AttendanceRecord
  /** A partner company (valid SIRET) with one contact; `internship` takes place there. */
  company: PartnerCompany
  /** The company's contact (an internship tutor). */
  contact: CompanyContact
  /** The trainee's internship at `company` with `contact` as tutor: a draft, in two weeks. */
  internship: Internship
  /**
   * Only with `buildWorld({ peers: true })`: the same organisation seen
   * through a second trainee and a second funder (see `Peers`).
   */
  peers?: Peers
  /**
   * Only with `buildWorld({ peers: true })`: an outcome export asked by the
   * side's funder account, built (a stored file, downloadable).
   */
  exportRun?: ExportRun
}

/**
 * Neighbours inside one organisation, for checks that one trainee never
 * reaches another's data and one funder never another funder's. Each is
 * the side it belongs to with some fields swapped:
 *   trainee  a second trainee with an account, enrolled in the same cohort,
 *            present at `pastSession` (signed by the trainer, no proof),
 *            with a draft internship at the same company: `users.trainee`,
 *            `trainee`, `enrollment`, `application`, `attendance` and
 *            `internship` are theirs;
 *   funder   a second funder with an account, funding a second running
 *            cohort of the organisation: `users.funder`, `funder`, `cohort`
 *            and `exportRun` are theirs.
 */
export type Peers = { trainee: Side; funder: Side }

/**
 * Two organisations built alike, each with one account per role, a funder
 * funding its running cohort, a trainee with an account enrolled in it and
 * a session today taught by its trainer. Tests check that one side never
 * sees the other.
 */
export async function buildWorld(options: { peers?: boolean } = {}) {
  const world = { own: await buildSide('alpha'), other: await buildSide('beta') }
  if (options.peers) {
    for (const side of [world.own, world.other]) {
      side.exportRun = await buildExportRun(side)
      side.peers = await buildPeers(side)
    }
  }
  return world
}

/**
 * Deletes the export files `buildWorld({ peers: true })` stored (the
 * disk is the helper's DRIVE_ROOT, not a fake: the fakes' folder is shared
 * by every test process on the machine). Call it from the test's cleanup.
 */
export async function removeWorldFiles(world: { own: Side; other: Side }) {
  for (const side of [world.own, world.other]) {
    for (const run of [side.exportRun, side.peers?.funder.exportRun]) {
      if (run?.filePath) await drive.use().delete(run.filePath)
    }
  }
}

/**
 * A done outcome export asked by the side's funder account, its file stored.
 */
async function buildExportRun(side: Side) {
  const key = `exports/world-${side.organization.slug}-${side.funder.id}.xlsx`
  await drive.use().put(key, 'export')
  return ExportRun.create({
    organizationId: null,
    funderId: side.funder.id,
    requestedById: side.users.funder.id,
    kind: 'outcomes',
    filters: { from: side.cohort.startsOn.toISODate(), to: side.cohort.endsOn.toISODate() },
    status: 'done',
    progress: 100,
    filePath: key,
    rowCount: 1,
    finishedAt: DateTime.now(),
    expiresAt: DateTime.now().plus({ days: 7 }),
  })
}

async function buildPeers(side: Side): Promise<Peers> {
  const key = side.organization.slug
  const traineeUser = await User.create({
    organizationId: side.organization.id,
    fullName: `trainee voisine ${key}`,
    email: `voisine@${key}.test`,
    password: 'password-123',
    role: 'trainee',
  })
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    userId: traineeUser.id,
    firstName: 'Voisine',
    lastName: key,
    email: `voisine@${key}.test`,
    sex: 'female',
  })
  const enrollment = await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
  })
  const application = await Application.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    source: 'france_travail',
    status: 'screening',
  })
  const attendance = await AttendanceRecord.create({
    organizationId: side.organization.id,
    classSessionId: side.pastSession.id,
    enrollmentId: enrollment.id,
    status: 'present',
    minutesMissed: 0,
    signedAt: side.pastSession.startsAt.plus({ minutes: 5 }),
    signatureMethod: 'trainer',
    recordedById: side.users.trainer.id,
  })
  const internship = await Internship.create({
    organizationId: side.organization.id,
    enrollmentId: enrollment.id,
    partnerCompanyId: side.company.id,
    tutorContactId: side.contact.id,
    kind: 'stage',
    startsOn: side.internship.startsOn,
    endsOn: side.internship.endsOn,
    hoursTotal: 35,
    weeklyHours: 35,
    status: 'draft',
  })

  const funder = await Funder.create({
    name: `Financeur voisin ${key}`,
    slug: `funder-voisin-${key}`,
    kind: 'opco',
  })
  const funderUser = await User.create({
    organizationId: null,
    funderId: funder.id,
    fullName: `funder voisin ${key}`,
    email: `funder-voisin@${key}.test`,
    password: 'password-123',
    role: 'funder',
  })
  const cohort = await Cohort.create({
    organizationId: side.organization.id,
    programmeId: side.programme.id,
    siteId: side.site.id,
    coordinatorId: side.users.coordinator.id,
    name: `Promotion voisine ${key}`,
    startsOn: side.cohort.startsOn,
    endsOn: side.cohort.endsOn,
    capacity: 15,
    status: 'running',
  })
  await cohort.related('funders').attach({
    [funder.id]: { places_funded: 10, organization_id: side.organization.id },
  })
  const funderSide: Side = { ...side, users: { ...side.users, funder: funderUser }, funder, cohort }
  funderSide.exportRun = await buildExportRun(funderSide)

  return {
    trainee: {
      ...side,
      users: { ...side.users, trainee: traineeUser },
      trainee,
      enrollment,
      application,
      attendance,
      internship,
    },
    funder: funderSide,
  }
}

async function buildSide(key: string): Promise<Side> {
  const organization = await Organization.create({ name: `Organisme ${key}`, slug: key })
  const funder = await Funder.create({
    name: `Financeur ${key}`,
    slug: `funder-${key}`,
    kind: 'region',
  })

  const users = {} as Record<Role, User>
  for (const role of ['admin', 'coordinator', 'trainer', 'trainee', 'funder'] as Role[]) {
    users[role] = await User.create({
      organizationId: role === 'funder' ? null : organization.id,
      funderId: role === 'funder' ? funder.id : null,
      fullName: `${role} ${key}`,
      email: `${role}@${key}.test`,
      password: 'password-123',
      role,
    })
  }

  const site = await Site.create({
    organizationId: organization.id,
    name: `Centre ${key}`,
    city: 'Rouen',
    postalCode: '76000',
    departmentCode: '76',
  })
  const programme = await Programme.create({
    organizationId: organization.id,
    title: `Programme ${key}`,
    slug: `programme-${key}`,
    totalHours: 400,
    certificationKind: 'none',
    status: 'ready',
  })
  const module = await ProgrammeModule.create({
    organizationId: organization.id,
    programmeId: programme.id,
    title: `Numérique ${key}`,
    kind: 'digital',
    plannedHours: 400,
    position: 1,
    location: 'centre',
  })

  const today = DateTime.now().setZone(PARIS).startOf('day')
  const cohort = await Cohort.create({
    organizationId: organization.id,
    programmeId: programme.id,
    siteId: site.id,
    coordinatorId: users.coordinator.id,
    name: `Promotion ${key}`,
    startsOn: today.minus({ weeks: 2 }),
    endsOn: today.plus({ weeks: 10 }),
    capacity: 15,
    status: 'running',
  })
  await cohort.related('funders').attach({
    [funder.id]: { places_funded: 10, organization_id: organization.id },
  })

  const trainee = await Trainee.create({
    organizationId: organization.id,
    userId: users.trainee.id,
    firstName: 'Stagiaire',
    lastName: key,
    email: `trainee@${key}.test`,
    sex: 'female',
  })
  const enrollment = await Enrollment.create({
    organizationId: organization.id,
    cohortId: cohort.id,
    traineeId: trainee.id,
    status: 'active',
    startsOn: cohort.startsOn,
  })
  const application = await Application.create({
    organizationId: organization.id,
    cohortId: cohort.id,
    traineeId: trainee.id,
    source: 'france_travail',
    status: 'screening',
  })

  const session = await ClassSession.create({
    organizationId: organization.id,
    cohortId: cohort.id,
    programmeModuleId: module.id,
    trainerId: users.trainer.id,
    startsAt: today.set({ hour: 9 }),
    endsAt: today.set({ hour: 12, minute: 30 }),
    room: `Salle ${key}`,
    isCancelled: false,
  })
  const yesterday = today.minus({ days: 1 })
  const pastSession = await ClassSession.create({
    organizationId: organization.id,
    cohortId: cohort.id,
    programmeModuleId: module.id,
    trainerId: users.trainer.id,
    startsAt: yesterday.set({ hour: 13, minute: 30 }),
    endsAt: yesterday.set({ hour: 17 }),
    room: `Salle ${key}`,
    isCancelled: false,
    rollCallAt: yesterday.set({ hour: 16, minute: 55 }),
    rollCallById: users.trainer.id,
    trainerSignedAt: yesterday.set({ hour: 13, minute: 35 }),
    trainerSignatureMethod: 'trainer',
  })
  const attendance = await AttendanceRecord.create({
    organizationId: organization.id,
    classSessionId: pastSession.id,
    enrollmentId: enrollment.id,
    status: 'present',
    minutesMissed: 0,
    signedAt: pastSession.startsAt.plus({ minutes: 5 }),
    signatureMethod: 'trainer',
    recordedById: users.trainer.id,
  })

  const company = await PartnerCompany.create({
    organizationId: organization.id,
    name: `Entreprise ${key}`,
    siret: key === 'alpha' ? '73254872000018' : '44201955600012',
    sector: 'Commerce de détail',
    city: 'Rouen',
    postalCode: '76000',
  })
  const contact = await CompanyContact.create({
    organizationId: organization.id,
    partnerCompanyId: company.id,
    fullName: `Tutrice ${key}`,
    role: 'Tutrice de stage',
    email: `tutrice@${key}.test`,
  })
  const internship = await Internship.create({
    organizationId: organization.id,
    enrollmentId: enrollment.id,
    partnerCompanyId: company.id,
    tutorContactId: contact.id,
    kind: 'stage',
    startsOn: today.plus({ weeks: 2 }),
    endsOn: today.plus({ weeks: 2, days: 4 }),
    hoursTotal: 35,
    weeklyHours: 35,
    status: 'draft',
  })

  return {
    organization,
    funder,
    users,
    site,
    programme,
    module,
    cohort,
    trainee,
    application,
    enrollment,
    session,
    pastSession,
    attendance,
    company,
    contact,
    internship,
  }
}

/**
 * For tests that count a cohort's sessions: removes the side's past session
 * and its attendance, leaving today's session as the only one.
 */
export async function removePastSession(side: Side) {
  await side.attendance.delete()
  await side.pastSession.delete()
}
