import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import Cohort from '#models/cohort'
import ClassSession from '#models/class_session'
import Enrollment from '#models/enrollment'
import AttendanceRecord from '#models/attendance_record'
import { OrganizationFactory } from '#database/factories/organization_factory'
import { FunderFactory } from '#database/factories/funder_factory'
import { UserFactory } from '#database/factories/user_factory'
import { SiteFactory } from '#database/factories/site_factory'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { ProgrammeModuleFactory } from '#database/factories/programme_module_factory'
import { CohortFactory, fundedPlaces } from '#database/factories/cohort_factory'
import { ClassSessionFactory } from '#database/factories/class_session_factory'
import { TraineeFactory } from '#database/factories/trainee_factory'
import { ApplicationFactory } from '#database/factories/application_factory'
import { ApplicationStatusChangeFactory } from '#database/factories/application_status_change_factory'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { AttendanceRecordFactory } from '#database/factories/attendance_record_factory'
import { PartnerCompanyFactory } from '#database/factories/partner_company_factory'
import { CompanyContactFactory } from '#database/factories/company_contact_factory'
import { InternshipFactory } from '#database/factories/internship_factory'
import { OutcomeFactory } from '#database/factories/outcome_factory'
import { FollowUpFactory } from '#database/factories/follow_up_factory'
import { ExportRunFactory } from '#database/factories/export_run_factory'
import { AuditEventFactory } from '#database/factories/audit_event_factory'

type Owned = { organizationId: number | null }

function organizationsOf(...rows: Owned[]) {
  return [...new Set(rows.map((row) => row.organizationId))]
}

test.group('Model factories', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each factory creates its row and every parent it needs in one organisation', async ({
    assert,
  }) => {
    const organization = await OrganizationFactory.create()
    const funder = await FunderFactory.apply('genLabel').create()
    assert.equal(funder.kind, 'gen_label')

    const coordinator = await UserFactory.merge({ organizationId: organization.id }).create()
    assert.equal(coordinator.role, 'coordinator')
    assert.isTrue(await hash.verify(coordinator.password!, 'password'))
    const funderUser = await UserFactory.apply('funder').create()
    assert.isNull(funderUser.organizationId)
    assert.isNumber(funderUser.funderId)

    const site = await SiteFactory.create()
    const programme = await ProgrammeFactory.apply('genLabelled').create()
    const module = await ProgrammeModuleFactory.create()
    const trainee = await TraineeFactory.create()
    const partnerCompany = await PartnerCompanyFactory.create()
    assert.lengthOf(partnerCompany.siret!, 14)
    assert.lengthOf(organizationsOf(site), 1)
    assert.equal(programme.certificationKind, 'rncp')

    const modules = await module.related('programme').query().firstOrFail()
    assert.deepEqual(organizationsOf(module, modules), [module.organizationId])

    const cohort = await CohortFactory.create()
    await cohort.load('programme')
    await cohort.load('site')
    assert.deepEqual(organizationsOf(cohort, cohort.programme, cohort.site), [
      cohort.organizationId,
    ])

    const session = await ClassSessionFactory.create()
    await session.load('cohort')
    assert.deepEqual(organizationsOf(session, session.cohort), [session.organizationId])

    const application = await ApplicationFactory.create()
    await application.load('cohort')
    await application.load('trainee')
    assert.deepEqual(organizationsOf(application, application.cohort, application.trainee), [
      application.organizationId,
    ])

    const change = await ApplicationStatusChangeFactory.create()
    await change.load('application')
    assert.deepEqual(organizationsOf(change, change.application), [change.organizationId])

    const enrollment = await EnrollmentFactory.create()
    await enrollment.load('cohort')
    await enrollment.load('trainee')
    assert.deepEqual(organizationsOf(enrollment, enrollment.cohort, enrollment.trainee), [
      enrollment.organizationId,
    ])

    const record = await AttendanceRecordFactory.create()
    await record.load('classSession')
    await record.load('enrollment')
    assert.deepEqual(organizationsOf(record, record.classSession, record.enrollment), [
      record.organizationId,
    ])
    assert.equal(record.classSession.cohortId, record.enrollment.cohortId)

    const contact = await CompanyContactFactory.create()
    await contact.load('partnerCompany')
    assert.deepEqual(organizationsOf(contact, contact.partnerCompany), [contact.organizationId])

    const internship = await InternshipFactory.create()
    await internship.load('enrollment')
    await internship.load('partnerCompany')
    await internship.load('tutor')
    assert.deepEqual(
      organizationsOf(
        internship,
        internship.enrollment,
        internship.partnerCompany,
        internship.tutor
      ),
      [internship.organizationId]
    )
    assert.equal(internship.tutor.partnerCompanyId, internship.partnerCompanyId)

    const outcome = await OutcomeFactory.create()
    await outcome.load('enrollment')
    assert.deepEqual(organizationsOf(outcome, outcome.enrollment), [outcome.organizationId])

    const followUp = await FollowUpFactory.create()
    await followUp.load('enrollment')
    assert.deepEqual(organizationsOf(followUp, followUp.enrollment), [followUp.organizationId])

    const run = await ExportRunFactory.create()
    await run.load('requestedBy')
    assert.deepEqual(organizationsOf(run, run.requestedBy), [run.organizationId])
    const funderRun = await ExportRunFactory.merge({ funderId: funder.id }).create()
    await funderRun.load('requestedBy')
    assert.isNull(funderRun.organizationId)
    assert.equal(funderRun.requestedBy.funderId, funder.id)

    const event = await AuditEventFactory.create()
    assert.isNumber(event.organizationId)

    // Without a given organisation, each chain got its own.
    assert.notEqual(cohort.organizationId, organization.id)
    assert.notEqual(enrollment.organizationId, record.organizationId)
    assert.isNumber(trainee.organizationId)
  })

  test('rows made for a parent join its organisation', async ({ assert }) => {
    const organization = await OrganizationFactory.with('cohorts', 1, (cohort) =>
      cohort
        .with('classSessions', 2, (session) => session.with('attendanceRecords', 2))
        .with('funders', 1, fundedPlaces(10))
    )
      .with('partnerCompanies', 1, (company) => company.with('contacts', 2))
      .create()

    const cohort = await organization.related('cohorts').query().firstOrFail()
    await cohort.load('programme')
    await cohort.load('site')
    await cohort.load('classSessions')
    await cohort.load('enrollments')
    assert.equal(cohort.programme.organizationId, organization.id)
    assert.equal(cohort.site.organizationId, organization.id)
    assert.lengthOf(cohort.classSessions, 2)
    // Each attendance record enrolled a new trainee of the cohort.
    assert.lengthOf(cohort.enrollments, 4)

    const records = await organization.related('attendanceRecords').query()
    assert.lengthOf(records, 4)
    const trainees = await organization.related('trainees').query()
    assert.lengthOf(trainees, 4)

    const [funder] = await cohort.related('funders').query()
    assert.equal(funder.$extras.pivot_places_funded, 10)
    assert.equal(funder.$extras.pivot_organization_id, organization.id)

    const contacts = await organization.related('companyContacts').query()
    assert.lengthOf(contacts, 2)

    // Given parents are used as they are.
    const enrollment = await EnrollmentFactory.merge({ cohortId: cohort.id }).create()
    assert.equal(enrollment.organizationId, organization.id)
    const record = await AttendanceRecordFactory.merge({ enrollmentId: enrollment.id }).create()
    const session = await ClassSession.findOrFail(record.classSessionId)
    assert.equal(session.cohortId, cohort.id)

    // A belongsTo made through `.with()` lands in the row's organisation.
    const withParents = await EnrollmentFactory.merge({ organizationId: organization.id })
      .with('cohort')
      .with('trainee')
      .create()
    assert.equal(withParents.cohort.organizationId, organization.id)
    assert.equal(withParents.trainee.organizationId, organization.id)
    const cohorts = await Cohort.query().where('organization_id', organization.id)
    assert.lengthOf(cohorts, 2)
  })

  test('a trainee has one attendance record per session', async ({ assert }) => {
    const record = await AttendanceRecordFactory.create()

    const error = await AttendanceRecordFactory.merge({
      classSessionId: record.classSessionId,
      enrollmentId: record.enrollmentId,
    })
      .apply('absent')
      .create()
      .then(
        () => null,
        (failure: Error) => failure
      )
    assert.match(error?.message ?? '', /unique/i)

    const records = await AttendanceRecord.query().where('enrollment_id', record.enrollmentId)
    assert.lengthOf(records, 1)
    assert.equal(records[0].status, 'present')
  })

  test('recorded attendance cannot be deleted with its session or enrollment', async ({
    assert,
  }) => {
    const record = await AttendanceRecordFactory.create()

    for (const [table, id] of [
      ['class_sessions', record.classSessionId],
      ['enrollments', record.enrollmentId],
    ] as const) {
      const error = await db
        .transaction((trx) => trx.from(table).where('id', id).delete())
        .then(
          () => null,
          (failure: Error) => failure
        )
      assert.match(error?.message ?? '', /foreign key/i, `${table} row deleted`)
    }
    assert.isNotNull(await AttendanceRecord.find(record.id))

    // Deleting the whole organisation still takes everything with it.
    await db.transaction(async (trx) => {
      await trx.from('organizations').where('id', record.organizationId).delete()
    })
    assert.isNull(await AttendanceRecord.find(record.id))
    assert.isNull(await Enrollment.find(record.enrollmentId))
  })
})
