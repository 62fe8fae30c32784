import { test } from '@japa/runner'
import { DateTime, Settings } from 'luxon'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import AttendanceRecord from '#models/attendance_record'
import AuditEvent from '#models/audit_event'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Funder from '#models/funder'
import Outcome from '#models/outcome'
import Trainee from '#models/trainee'
import PurgePersonalData from '#actions/privacy/purge_personal_data'
import ComputeLabelMix from '#actions/applications/compute_label_mix'
import ComputeGenYearlyFigures from '#actions/reports/gen_yearly_figures'
import dispatcher from '#services/dispatcher'
import PurgePersonalDataJob from '#jobs/purge_personal_data_job'
import { buildWorld, type Side } from '#tests/helpers/world'
import {
  attachProof,
  endedCohort,
  fileExists,
  rejectedApplicant,
} from '#tests/functional/privacy/fixtures'

/**
 * A cohort that ended on `endsOn` with one trainee, one past session,
 * their attendance (absent with a stored proof), an exit and an outcome.
 */
async function cohortWithEvidence(side: Side, name: string, endsOn: DateTime, esf = false) {
  const cohort = await endedCohort(side, name, endsOn, esf)
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    firstName: name,
    lastName: 'Ancienne',
    sex: 'female',
  })
  const enrollment = await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: cohort.id,
    traineeId: trainee.id,
    status: 'completed',
    startsOn: cohort.startsOn,
    exitOn: endsOn,
    exitReason: 'completed',
  })
  const session = await ClassSession.create({
    organizationId: side.organization.id,
    cohortId: cohort.id,
    programmeModuleId: side.module.id,
    trainerId: side.users.trainer.id,
    startsAt: endsOn.minus({ days: 3 }).set({ hour: 9 }),
    endsAt: endsOn.minus({ days: 3 }).set({ hour: 12 }),
    isCancelled: false,
    trainerSignedAt: endsOn.minus({ days: 3 }).set({ hour: 9, minute: 5 }),
    trainerSignatureMethod: 'trainer',
  })
  const record = await AttendanceRecord.create({
    organizationId: side.organization.id,
    classSessionId: session.id,
    enrollmentId: enrollment.id,
    status: 'present',
    minutesMissed: 0,
  })
  const proof = await attachProof(record)
  await Outcome.create({
    organizationId: side.organization.id,
    enrollmentId: enrollment.id,
    checkpoint: 'exit',
    observedOn: endsOn,
    situation: 'employed',
    contractType: 'cdi',
    source: 'declared',
  })
  return { cohort, trainee, enrollment, session, record, proof }
}

test.group('Privacy | retention purge', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('rejected applicants are anonymised 2 years after the last contact, not before', async ({
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const now = DateTime.now()
    const { trainee, application } = await rejectedApplicant(own, 'Inès')
    const elsewhere = await rejectedApplicant(other, 'Maud')
    // Rejected here, but enrolled elsewhere: kept.
    const enrolled = await rejectedApplicant(own, 'Lou')
    const past = await endedCohort(own, 'Autre', now.minus({ years: 1 }))
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: past.id,
      traineeId: enrolled.trainee.id,
      status: 'completed',
      startsOn: now.minus({ years: 1, months: 4 }),
    })
    // Rejected once, still in the pipeline of another cohort: kept.
    const pending = await rejectedApplicant(own, 'Zoé')
    const next = await endedCohort(own, 'Suivante', now.plus({ years: 1 }))
    await Application.create({
      organizationId: own.organization.id,
      cohortId: next.id,
      traineeId: pending.trainee.id,
      source: 'website',
      status: 'screening',
    })

    const purge = new PurgePersonalData()
    const early = await purge.plan(now.plus({ years: 2 }).minus({ days: 1 }))
    assert.deepEqual(early.applicants, [])

    const due = await purge.plan(now.plus({ years: 2, days: 1 }))
    assert.sameMembers(
      due.applicants.map((a) => a.traineeId),
      [trainee.id, elsewhere.trainee.id]
    )

    await purge.run(now.plus({ years: 2, days: 1 }))
    await trainee.refresh()
    assert.isNotNull(trainee.anonymizedAt)
    assert.equal(trainee.fullName, `Personne anonymisée n° ${trainee.id}`)
    assert.isNull(trainee.email)
    assert.isNull(trainee.phone)
    assert.isNull(trainee.addressLine)
    assert.equal(trainee.sex, 'female')
    // The application stays, as an anonymous count, without its free text.
    await application.refresh()
    assert.equal(application.status, 'rejected')
    assert.isNull(application.motivation)
    const change = await ApplicationStatusChange.findByOrFail('application_id', application.id)
    assert.isNull(change.note)
    const event = await AuditEvent.query()
      .where('action', 'trainee.anonymized')
      .where('subject_id', trainee.id)
      .firstOrFail()
    assert.isNull(event.userId)
    assert.equal(event.reason, 'Fin de la durée de conservation')

    await enrolled.trainee.refresh()
    await pending.trainee.refresh()
    assert.isNull(enrolled.trainee.anonymizedAt)
    assert.isNull(pending.trainee.anonymizedAt)
    assert.equal(enrolled.trainee.firstName, 'Lou')

    // A second run finds nothing more.
    const again = await purge.plan(now.plus({ years: 2, days: 1 }))
    assert.deepEqual(again.applicants, [])
  })

  test('anonymised applicants still count in the label mix and GEN figures', async ({ assert }) => {
    const { own } = await buildWorld()
    await own.programme.merge({ genLabelId: 'GEN-7' }).save()
    await rejectedApplicant(own, 'Eva')
    await rejectedApplicant(own, 'Jade')
    const year = own.cohort.startsOn.year
    const figures = async () =>
      JSON.parse(
        JSON.stringify({
          mix: await new ComputeLabelMix().handle({ cohort: own.cohort }),
          gen: await new ComputeGenYearlyFigures().handle({
            organizationId: own.organization.id,
            programmeId: own.programme.id,
            year,
          }),
        })
      )
    const before = await figures()
    const plan = await new PurgePersonalData().run(DateTime.now().plus({ years: 2, days: 1 }))
    assert.lengthOf(plan.applicants, 2)
    assert.deepEqual(await figures(), before)
  })

  test('a later contact or status move restarts the 2 years', async ({ assert }) => {
    const { own } = await buildWorld()
    const now = DateTime.now()
    const called = await rejectedApplicant(own, 'Nora')
    await db
      .from('applications')
      .where('id', called.application.id)
      .update({ last_contact_at: now.plus({ years: 1 }).toUTC().toSQL({ includeOffset: false }) })
    const moved = await rejectedApplicant(own, 'Léa')
    await ApplicationStatusChange.create({
      organizationId: own.organization.id,
      applicationId: moved.application.id,
      fromStatus: 'rejected',
      toStatus: 'rejected',
      changedById: own.users.coordinator.id,
      createdAt: now.plus({ years: 1 }),
    })

    const purge = new PurgePersonalData()
    const atTwo = await purge.plan(now.plus({ years: 2, days: 1 }))
    assert.deepEqual(atTwo.applicants, [])
    const atThree = await purge.plan(now.plus({ years: 3, days: 1 }))
    assert.sameMembers(
      atThree.applicants.map((a) => a.traineeId),
      [called.trainee.id, moved.trainee.id]
    )
  })

  test('attendance evidence goes 6 years after the training, outcomes stay', async ({ assert }) => {
    const { own } = await buildWorld()
    const endsOn = DateTime.fromISO('2020-06-30')
    const plain = await cohortWithEvidence(own, 'Classique', endsOn)
    assert.isTrue(await fileExists(plain.proof))

    const purge = new PurgePersonalData()
    const early = await purge.plan(DateTime.fromISO('2026-06-30T12:00:00', { zone: 'utc' }))
    assert.notInclude(
      early.attendance.map((c) => c.cohortId),
      plain.cohort.id
    )

    const due = DateTime.fromISO('2026-07-01T12:00:00', { zone: 'utc' })
    const plan = await purge.plan(due)
    const line = plan.attendance.find((c) => c.cohortId === plain.cohort.id)
    assert.deepInclude(line, { esf: false, records: 1, proofs: 1 })

    await purge.run(due)
    assert.isNull(await AttendanceRecord.find(plain.record.id))
    assert.isFalse(await fileExists(plain.proof))
    await plain.session.refresh()
    assert.isNull(plain.session.trainerSignedAt)
    await plain.cohort.refresh()
    assert.isNotNull(plain.cohort.attendancePurgedAt)
    // What outcome rates and results pages count stays.
    assert.isNotNull(await Enrollment.find(plain.enrollment.id))
    const outcomes = await Outcome.query().where('enrollment_id', plain.enrollment.id)
    assert.lengthOf(outcomes, 1)
    const event = await AuditEvent.query()
      .where('action', 'cohort.attendance_purged')
      .where('subject_id', plain.cohort.id)
      .firstOrFail()
    assert.deepEqual(event.changes!.attendance_records, { from: 1, to: 0 })
    // The world's running cohort is untouched.
    assert.isNotNull(await AttendanceRecord.find(own.attendance.id))
    // Nothing is found twice.
    const again = await purge.plan(due)
    assert.notInclude(
      again.attendance.map((c) => c.cohortId),
      plain.cohort.id
    )
  })

  test('ESF co-financed evidence is kept 10 years (cohort flag or ESF funder)', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const endsOn = DateTime.fromISO('2016-06-30')
    const flagged = await cohortWithEvidence(own, 'Flag FSE', endsOn, true)
    const funded = await cohortWithEvidence(own, 'Financeur FSE', endsOn)
    const fse = await Funder.create({ name: 'FSE+', slug: 'fse-plus', kind: 'esf' })
    await funded.cohort.related('funders').attach({
      [fse.id]: { places_funded: 5, organization_id: own.organization.id },
    })
    const plain = await cohortWithEvidence(own, 'Sans FSE', endsOn)

    const purge = new PurgePersonalData()
    // 7 years after: only the cohort without ESF.
    const seven = await purge.plan(DateTime.fromISO('2023-07-01T12:00:00', { zone: 'utc' }))
    const sevenIds = seven.attendance.map((c) => c.cohortId)
    assert.include(sevenIds, plain.cohort.id)
    assert.notInclude(sevenIds, flagged.cohort.id)
    assert.notInclude(sevenIds, funded.cohort.id)

    const tenMinus = await purge.plan(DateTime.fromISO('2026-06-30T12:00:00', { zone: 'utc' }))
    assert.notInclude(
      tenMinus.attendance.map((c) => c.cohortId),
      flagged.cohort.id
    )
    const ten = await purge.plan(DateTime.fromISO('2026-07-01T12:00:00', { zone: 'utc' }))
    const tenLines = ten.attendance.filter((c) => c.cohortId !== plain.cohort.id)
    assert.sameDeepMembers(
      tenLines.map((c) => [c.cohortId, c.esf]),
      [
        [flagged.cohort.id, true],
        [funded.cohort.id, true],
      ]
    )
  })

  test('the organisation’s retention settings decide', async ({ assert }) => {
    const { own } = await buildWorld()
    await own.organization.merge({ retentionRejectedYears: 1 }).save()
    const now = DateTime.now()
    const { trainee } = await rejectedApplicant(own, 'Anaïs')
    const plan = await new PurgePersonalData().plan(now.plus({ years: 1, days: 1 }))
    assert.deepEqual(
      plan.applicants.map((a) => a.traineeId),
      [trainee.id]
    )
  })

  test('privacy:purge --dry-run lists, the job purges, with time moved forward', async ({
    assert,
    cleanup,
  }) => {
    const { own } = await buildWorld()
    const { trainee } = await rejectedApplicant(own, 'Camille')
    const old = await cohortWithEvidence(own, 'Ancienne promo', DateTime.fromISO('2019-01-31'))

    const future = DateTime.now().plus({ years: 2, days: 2 })
    const realNow = Settings.now
    Settings.now = () => future.toMillis()
    cleanup(() => {
      Settings.now = realNow
    })

    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const command = await ace.exec('privacy:purge', ['--dry-run'])
    assert.equal(command.exitCode, 0)
    const logs = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(logs, `candidat n° ${trainee.id} (Camille Refusée)`)
    assert.include(logs, `promotion n° ${old.cohort.id} (Ancienne promo)`)
    assert.include(logs, '1 émargement(s), 1 justificatif(s)')
    await trainee.refresh()
    assert.isNull(trainee.anonymizedAt)
    assert.isNotNull(await AttendanceRecord.find(old.record.id))

    await dispatcher.dispatch(PurgePersonalDataJob, {})
    await trainee.refresh()
    assert.isNotNull(trainee.anonymizedAt)
    assert.isNull(await AttendanceRecord.find(old.record.id))
    await old.cohort.refresh()
    assert.isNotNull(old.cohort.attendancePurgedAt)
    assert.instanceOf(old.cohort, Cohort)
  })
})
