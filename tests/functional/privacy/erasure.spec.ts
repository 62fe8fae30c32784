import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import AttendanceRecord from '#models/attendance_record'
import AuditEvent from '#models/audit_event'
import Enrollment from '#models/enrollment'
import Outcome from '#models/outcome'
import Trainee from '#models/trainee'
import User from '#models/user'
import ComputeAttendance from '#actions/attendance/compute_attendance'
import ComputeBpfSectionF from '#actions/reports/bpf_section_f'
import ComputeGenYearlyFigures from '#actions/reports/gen_yearly_figures'
import ComputeLabelMix from '#actions/applications/compute_label_mix'
import { computeOutcomeRates } from '#actions/outcomes/compute_outcome_rates'
import { coarseBirthDate } from '#actions/privacy/anonymize_trainee'
import { OUTCOME_DEFINITIONS } from '#services/outcome_definitions'
import { buildWorld, type Side } from '#tests/helpers/world'
import { attachProof, fileExists } from '#tests/functional/privacy/fixtures'

/**
 * Every figure funders get about the side's cohort and programme.
 */
async function funderFigures(side: Side) {
  const year = side.cohort.startsOn.year
  const rates = []
  for (const definition of [
    OUTCOME_DEFINITIONS.gen_positive_exit,
    OUTCOME_DEFINITIONS.ft_durable_employment,
  ]) {
    rates.push(
      await computeOutcomeRates({
        cohort: side.cohort,
        checkpoint: 'exit',
        definition,
        denominator: 'exits',
      })
    )
  }
  const attendance = await new ComputeAttendance().forCohort(side.cohort, {
    now: DateTime.fromISO('2030-01-01T00:00:00Z'),
  })
  return JSON.parse(
    JSON.stringify({
      rates,
      bpf: await new ComputeBpfSectionF().handle({
        organizationId: side.organization.id,
        year,
      }),
      gen: await new ComputeGenYearlyFigures().handle({
        organizationId: side.organization.id,
        programmeId: side.programme.id,
        year,
      }),
      labelMix: await new ComputeLabelMix().handle({ cohort: side.cohort }),
      attendance: {
        totals: attendance.totals,
        // Per person, by enrollment (the page orders them by name, which changes).
        enrollments: attendance.enrollments
          .map(({ firstName: _f, lastName: _l, fullName: _n, ...figures }) => figures)
          .sort((a, b) => a.enrollmentId - b.enrollmentId),
      },
    })
  )
}

/**
 * The world's trainee with a full record: birth day, contact, a note on
 * their application, an absence proof, an exit with a CDI and its employer.
 * Plus a second person, born the day after the label mix's under-26
 * cut-off, so a naive "1 January" birth day would change the counts.
 */
async function fullRecord(side: Side) {
  await side.programme.merge({ genLabelId: 'GEN-42' }).save()
  await side.trainee
    .merge({
      birthDate: DateTime.fromISO('1990-05-17'),
      phone: '0611223344',
      addressLine: '12 rue de la Paix',
      postalCode: '76000',
      city: 'Rouen',
      qpv: true,
      qpvCode: 'QN07601M',
      qualificationLevel: 3,
      jobSeeker: true,
      jobSeekerSince: DateTime.fromISO('2025-01-10'),
      franceTravailId: '1234567A',
      rqth: 'yes',
      rqthConsentAt: DateTime.now(),
      payer: 'france_travail',
    })
    .save()
  await side.application.merge({ motivation: 'Changer de métier.', status: 'admitted' }).save()
  await ApplicationStatusChange.create({
    organizationId: side.organization.id,
    applicationId: side.application.id,
    fromStatus: 'screening',
    toStatus: 'admitted',
    changedById: side.users.coordinator.id,
    note: 'Très motivée, situation familiale difficile',
  })
  const proof = await attachProof(side.attendance)
  await side.internship
    .merge({
      status: 'completed',
      evaluation: {
        source: 'tutor_link',
        attendance: 4,
        skills: {},
        comments: 'Marie a eu des soucis de santé en début de stage',
        wouldHire: 'yes',
        contractType: null,
      },
    })
    .save()
  await side.attendance.merge({ minutesMissed: 0 }).save()
  await side.enrollment
    .merge({ exitOn: DateTime.now().minus({ days: 1 }), exitReason: 'found_job' })
    .save()
  await Outcome.create({
    organizationId: side.organization.id,
    enrollmentId: side.enrollment.id,
    checkpoint: 'exit',
    observedOn: DateTime.now(),
    situation: 'employed',
    contractType: 'cdi',
    contractMonths: null,
    workingTime: 'full_time',
    employerName: 'Boulangerie Martin',
    jobTitle: 'Vendeuse',
    source: 'declared',
  })

  const boundary = await Trainee.create({
    organizationId: side.organization.id,
    firstName: 'Yanis',
    lastName: 'Limite',
    sex: 'male',
    birthDate: side.cohort.startsOn.minus({ years: 26 }).plus({ days: 1 }),
  })
  await Application.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: boundary.id,
    source: 'website',
    status: 'admitted',
  })
  await Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: boundary.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
  })
  return { proof, boundary }
}

test.group('Privacy | erasure by anonymisation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))

  test('erases identity and keeps every funder figure identical', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { proof, boundary } = await fullRecord(own)
    const before = await funderFigures(own)
    // The figures do count the person: one positive exit among one exit.
    assert.include(before.rates[0], { numerator: 1, total: 1 })

    const page = await client
      .get(`/coordination/personnes/${own.trainee.id}`)
      .loginAs(own.users.admin)
    page.assertStatus(200)
    page.assertTextIncludes('Anonymiser la personne')

    for (const person of [own.trainee, boundary]) {
      const response = await client
        .post(`/coordination/personnes/${person.id}/anonymisation`)
        .form({ confirm_erasure: '1' })
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', `/coordination/personnes/${person.id}`)
      response.assertFlashMessage(
        'success',
        'Les données identifiantes ont été effacées. Les chiffres des financeurs sont conservés.'
      )
    }

    const after = await funderFigures(own)
    assert.deepEqual(after, before)

    const trainee = await Trainee.findOrFail(own.trainee.id)
    assert.equal(trainee.fullName, `Personne anonymisée n° ${trainee.id}`)
    assert.isNull(trainee.email)
    assert.isNull(trainee.phone)
    assert.isNull(trainee.addressLine)
    assert.isNull(trainee.postalCode)
    assert.isNull(trainee.city)
    assert.isNull(trainee.qpvCode)
    assert.isNull(trainee.franceTravailId)
    assert.isNull(trainee.jobSeekerSince)
    assert.equal(trainee.birthDate!.toISODate(), '1990-01-01')
    // What is counted stays.
    assert.equal(trainee.sex, 'female')
    assert.isTrue(trainee.qpv)
    assert.isTrue(trainee.jobSeeker)
    assert.equal(trainee.qualificationLevel, 3)
    assert.equal(trainee.rqth, 'yes')
    assert.equal(trainee.payer, 'france_travail')

    await own.application.refresh()
    assert.isNull(own.application.motivation)
    const notes = await ApplicationStatusChange.query().where('application_id', own.application.id)
    assert.isTrue(notes.every((change) => change.note === null))
    const record = await AttendanceRecord.findOrFail(own.attendance.id)
    assert.isNull(record.proofPath)
    assert.isFalse(await fileExists(proof))
    await own.internship.refresh()
    assert.include(own.internship.evaluation!, { attendance: 4, comments: null })
    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.contractType, 'cdi')
    assert.isNull(outcome.employerName)
    assert.isNull(outcome.jobTitle)

    const event = await AuditEvent.query()
      .where('action', 'trainee.anonymized')
      .where('subject_id', trainee.id)
      .firstOrFail()
    assert.equal(event.userId, own.users.coordinator.id)
    assert.equal(event.reason, 'Demande d’effacement')

    const shown = await client.get(`/coordination/personnes/${trainee.id}`).loginAs(own.users.admin)
    shown.assertTextIncludes('Personne anonymisée le')
    shown.assertTextIncludes('Année 1990')
    assert.notInclude(shown.text(), 'Stagiaire alpha')
  })

  test('the person’s account can no longer sign in', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const login = () =>
      client
        .post('/connexion')
        .form({ email: 'trainee@alpha.test', password: 'password-123' })
        .withCsrfToken()
        .redirects(0)
    const first = await login()
    first.assertHeader('location', '/tableau-de-bord')

    await client
      .post(`/coordination/personnes/${own.trainee.id}/anonymisation`)
      .form({ confirm_erasure: '1' })
      .withCsrfToken()
      .loginAs(own.users.admin)

    const refused = await login()
    refused.assertHeader('location', '/connexion')
    refused.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')
    // A session opened before the erasure is closed at the next page.
    const open = await client.get('/tableau-de-bord').loginAs(own.users.trainee).redirects(0)
    open.assertStatus(302)
    open.assertHeader('location', '/connexion')
    const account = await User.findOrFail(own.users.trainee.id)
    assert.isFalse(account.isActive)
    assert.isNull(account.password)
    assert.notEqual(account.email, 'trainee@alpha.test')
    assert.notInclude(account.fullName, 'alpha')
  })

  test('nothing is erased without the confirmation box, nor in another organisation', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const unconfirmed = await client
      .post(`/coordination/personnes/${own.trainee.id}/anonymisation`)
      .form({})
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    unconfirmed.assertStatus(302)
    unconfirmed.assertFlashMessage('inputErrorsBag', {
      confirm_erasure: ['Le champ « Je confirme l’effacement définitif » est obligatoire.'],
    })
    const foreign = await client
      .post(`/coordination/personnes/${other.trainee.id}/anonymisation`)
      .form({ confirm_erasure: '1' })
      .withCsrfToken()
      .loginAs(own.users.coordinator)
    foreign.assertStatus(404)

    for (const trainee of [own.trainee, other.trainee]) {
      await trainee.refresh()
      assert.isNull(trainee.anonymizedAt)
      assert.equal(trainee.firstName, 'Stagiaire')
    }
  })

  test('the birth day moves back in its year only as far as no under-26 count changes', ({
    assert,
  }) => {
    const cutoff = DateTime.fromISO('2000-09-01')
    const day = (iso: string, cutoffs: DateTime[] = [cutoff]) =>
      coarseBirthDate(DateTime.fromISO(iso), cutoffs).toISODate()
    assert.equal(day('2000-05-17'), '2000-01-01')
    assert.equal(day('2000-09-01'), '2000-01-01')
    assert.equal(day('2000-09-02'), '2000-09-02')
    assert.equal(day('2000-12-24'), '2000-09-02')
    assert.equal(day('1999-12-24'), '1999-01-01')
  })
})
