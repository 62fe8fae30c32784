import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import Trainee from '#models/trainee'
import User from '#models/user'
import Enrollment from '#models/enrollment'
import { buildWorld } from '#tests/helpers/world'
import { nowInParis } from '#services/sql_time'
import {
  EXE_BYTES,
  PDF_BYTES,
  absence,
  auditEventsOf,
  sessionOn,
  storedProofs,
} from '#tests/functional/attendance/absences_helpers'

const day = (days: number) => nowInParis().plus({ days }).toISODate()!

test.group('Trainee absences | announce', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('the page offers the cohort’s reasons and lists past absences', async ({ client }) => {
    const { own } = await buildWorld()
    await absence(own, { absenceReason: 'transport', absenceJustified: false })

    const response = await client.get('/mes-absences').loginAs(own.users.trainee)

    response.assertStatus(200)
    response.assertTextIncludes('<h1>Mes absences</h1>')
    response.assertTextIncludes('<option value="job_interview">Entretien d’embauche</option>')
    response.assertTextIncludes('Grève des transports')
    response.assertTextIncludes('Non justifiée')
    response.assertTextIncludes('Envoyer le justificatif')
  })

  test('announces an absence for the morning session of a day to come', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const morning = await sessionOn(own, 2, 'morning')
    const afternoon = await sessionOn(own, 2, 'afternoon')

    const response = await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .fields({
        from: day(2),
        half_day: 'morning',
        absence_reason: 'medical_exam',
        comment: 'Radio à l’hôpital',
      })
      .file('proof', PDF_BYTES, { filename: 'convocation.pdf' })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/mes-absences')
    response.assertFlashMessage(
      'success',
      'Votre absence est annoncée pour 1 séance. L’équipe de coordination décidera si elle est justifiée.'
    )
    const record = await AttendanceRecord.query()
      .where('class_session_id', morning.id)
      .where('enrollment_id', own.enrollment.id)
      .firstOrFail()
    assert.equal(record.status, 'absent')
    assert.equal(record.absenceReason, 'medical_exam')
    assert.isNull(record.absenceJustified)
    assert.isNotNull(record.announcedAt)
    assert.equal(record.recordedById, own.users.trainee.id)
    assert.deepEqual(await storedProofs(), [record.proofPath])
    assert.isNull(
      await AttendanceRecord.query().where('class_session_id', afternoon.id).first(),
      'the afternoon is not touched'
    )
    const [event] = await auditEventsOf(record)
    assert.equal(event.action, 'attendance.announced')
    assert.equal(event.userId, own.users.trainee.id)
    assert.equal(event.reason, 'Radio à l’hôpital')

    const page = await client.get('/mes-absences').loginAs(own.users.trainee)
    page.assertTextIncludes('Justificatif en attente de validation')

    const coordinator = await client
      .get(`/coordination/promotions/${own.cohort.id}/absences`)
      .loginAs(own.users.coordinator)
    coordinator.assertTextIncludes('Absences annoncées à venir')
    coordinator.assertTextIncludes('Examen médical')
  })

  test('a date range covers every session to come in it', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await sessionOn(own, 3, 'morning')
    await sessionOn(own, 3, 'afternoon')
    await sessionOn(own, 4, 'morning')
    await sessionOn(own, 6, 'morning')

    await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .fields({ from: day(3), to: day(4), half_day: 'all', absence_reason: 'family_event' })

    const records = await AttendanceRecord.query()
      .where('enrollment_id', own.enrollment.id)
      .whereNotNull('announced_at')
    assert.lengthOf(records, 3)
    assert.isTrue(records.every((record) => record.absenceReason === 'family_event'))
  })

  test('refuses a day already past, writing nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const before = await AttendanceRecord.query().count('* as total')

    const response = await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .fields({ from: day(-1), half_day: 'all', absence_reason: 'illness' })
      .file('proof', PDF_BYTES, { filename: 'arret.pdf' })

    response.assertTextIncludes('Ce jour est passé : une absence s’annonce à l’avance.')
    const after = await AttendanceRecord.query().count('* as total')
    assert.equal(Number(after[0].$extras.total), Number(before[0].$extras.total))
    assert.deepEqual(await storedProofs(), [])
  })

  test('refuses a session already begun today', async ({ client, assert }) => {
    const { own } = await buildWorld()
    // only the session already begun is left today
    own.session.isCancelled = true
    await own.session.save()
    const begun = await sessionOn(own, 0, 'morning', {
      startsAt: nowInParis().minus({ minutes: 10 }),
      endsAt: nowInParis().plus({ hours: 2 }),
    })

    const response = await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .fields({ from: day(0), half_day: 'all', absence_reason: 'illness' })

    response.assertTextIncludes('Vous n’avez aucune séance à venir à ces dates')
    assert.isNull(await AttendanceRecord.query().where('class_session_id', begun.id).first())
  })

  test('refuses a reason outside the list and a wrong proof', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await sessionOn(own, 2)

    const wrongReason = await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .header('referer', '/mes-absences')
      .fields({ from: day(2), half_day: 'all', absence_reason: 'vacances' })
    wrongReason.assertTextIncludes('Choisissez un motif dans la liste.')

    const wrongFile = await client
      .post('/mes-absences')
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .fields({ from: day(2), half_day: 'all', absence_reason: 'illness' })
      .file('proof', EXE_BYTES, { filename: 'arret.pdf' })
    wrongFile.assertTextIncludes('Le justificatif doit être un fichier PDF, JPEG ou PNG.')

    assert.isNull(
      await AttendanceRecord.query()
        .where('enrollment_id', own.enrollment.id)
        .whereNotNull('announced_at')
        .first()
    )
    assert.deepEqual(await storedProofs(), [])
  })
})

test.group('Trainee absences | proofs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('sends the proof of a past absence: it waits for validation', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own, { absenceReason: 'illness', absenceJustified: false })

    const response = await client
      .post(`/mes-absences/${record.id}/justificatif`)
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .file('proof', PDF_BYTES, { filename: 'arret.pdf' })

    response.assertTextIncludes('Votre justificatif est envoyé')
    response.assertTextIncludes('Justificatif en attente de validation')
    await record.refresh()
    assert.isNull(record.absenceJustified)
    assert.deepEqual(await storedProofs(), [record.proofPath])
    const [event] = await auditEventsOf(record)
    assert.equal(event.action, 'attendance.proof_added')
    assert.deepEqual(event.changes!.absence_justified, { from: false, to: null })

    const download = await client
      .get(`/mes-absences/${record.id}/justificatif`)
      .loginAs(own.users.trainee)
    download.assertStatus(200)
    assert.deepEqual(Buffer.from(download.body()), PDF_BYTES)
  })

  test('"Mes présences" links each absence to justify to its form here', async ({ client }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client.get('/mes-presences').loginAs(own.users.trainee)

    response.assertStatus(200)
    response.assertTextIncludes(`href="/mes-absences#absence-${record.id}"`)
    const page = await client.get('/mes-absences').loginAs(own.users.trainee)
    page.assertTextIncludes(`id="absence-${record.id}"`)
  })

  test('a wrong file is refused next to its field', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(`/mes-absences/${record.id}/justificatif`)
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .file('proof', EXE_BYTES, { filename: 'arret.pdf' })

    response.assertTextIncludes(`id="field-proof_${record.id}-error"`)
    response.assertTextIncludes('Le justificatif doit être un fichier PDF, JPEG ou PNG.')
    await record.refresh()
    assert.isNull(record.proofPath)
    assert.deepEqual(await storedProofs(), [])
  })

  test('another person’s absence is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const mine = await absence(own)
    const theirs = await absence(other)

    // a second trainee of the same cohort
    const user = await User.create({
      organizationId: own.organization.id,
      fullName: 'Autre Stagiaire',
      email: 'autre@alpha.test',
      password: 'password-123',
      role: 'trainee',
    })
    const trainee = await Trainee.create({
      organizationId: own.organization.id,
      userId: user.id,
      firstName: 'Autre',
      lastName: 'Stagiaire',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: trainee.id,
      status: 'active',
      startsOn: own.cohort.startsOn,
    })

    const neighbour = await client
      .post(`/mes-absences/${mine.id}/justificatif`)
      .loginAs(user)
      .withCsrfToken()
      .file('proof', PDF_BYTES, { filename: 'arret.pdf' })
    neighbour.assertStatus(404)

    const elsewhere = await client
      .post(`/mes-absences/${theirs.id}/justificatif`)
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .file('proof', PDF_BYTES, { filename: 'arret.pdf' })
    elsewhere.assertStatus(404)

    const download = await client.get(`/mes-absences/${mine.id}/justificatif`).loginAs(user)
    download.assertStatus(404)

    await mine.refresh()
    assert.isNull(mine.proofPath)
    assert.deepEqual(await storedProofs(), [])
  })

  test('an absence already justified needs nothing more', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own, { absenceJustified: true, absenceReason: 'illness' })

    const response = await client
      .post(`/mes-absences/${record.id}/justificatif`)
      .loginAs(own.users.trainee)
      .withCsrfToken()
      .file('proof', PDF_BYTES, { filename: 'arret.pdf' })

    response.assertTextIncludes('Cette absence est déjà justifiée')
    assert.deepEqual(await storedProofs(), [])
  })
})
