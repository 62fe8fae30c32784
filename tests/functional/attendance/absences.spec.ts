import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import UpdateAbsence from '#actions/absences/update_absence'
import { findAttendanceRecord } from '#actions/absences/find_attendance_record'
import { buildWorld } from '#tests/helpers/world'
import {
  EXE_BYTES,
  PDF_BYTES,
  PNG_BYTES,
  SIX_MB_PDF,
  absence,
  auditEventsOf,
  sessionOn,
  storedProofs,
} from '#tests/functional/attendance/absences_helpers'

const editUrl = (id: number) => `/coordination/absences/${id}/modifier`
const updateUrl = (id: number) => `/coordination/absences/${id}`

test.group('Absences | coordinator list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the past absences to justify, then the justified ones', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await absence(own, { absenceReason: 'family_event' })
    const late = await sessionOn(own, -3, 'afternoon')
    await absence(own, { status: 'late', minutesMissed: 20 }, late)
    const justified = await sessionOn(own, -4)
    await absence(
      own,
      { absenceReason: 'illness', absenceJustified: true, proofPath: 'x.pdf' },
      justified
    )
    await absence(other, { absenceReason: 'job_interview' })

    const toJustify = await client
      .get(`/coordination/promotions/${own.cohort.id}/absences`)
      .loginAs(own.users.coordinator)

    toJustify.assertStatus(200)
    toJustify.assertTextIncludes('Absences : Promotion alpha')
    toJustify.assertTextIncludes('À justifier (2)')
    toJustify.assertTextIncludes('Justifiées (1)')
    toJustify.assertTextIncludes('Événement familial')
    toJustify.assertTextIncludes('Retard de 20 min')
    assert.notInclude(toJustify.text(), 'Maladie (avec certificat')
    assert.notInclude(toJustify.text(), 'Entretien d’embauche')

    const done = await client
      .get(`/coordination/promotions/${own.cohort.id}/absences?filtre=justifiees`)
      .loginAs(own.users.admin)
    done.assertTextIncludes('Maladie (avec certificat ou arrêt médical)')
    assert.notInclude(done.text(), 'Événement familial')
    done.assertTextIncludes('aria-current="page">Justifiées (1)')
  })

  test('the cohort page links to its absences', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    response.assertTextIncludes(`href="/coordination/promotions/${own.cohort.id}/absences"`)
  })

  test('the reasons offered are the funder’s when it has a list', async ({ client, assert }) => {
    const { own } = await buildWorld()
    own.funder.absenceReasons = ['illness', 'sick_child', 'Rendez-vous Pôle santé']
    await own.funder.save()
    const record = await absence(own)

    const response = await client.get(editUrl(record.id)).loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('<option value="sick_child">Enfant malade</option>')
    response.assertTextIncludes('Rendez-vous Pôle santé')
    assert.notInclude(response.text(), 'value="medical_exam"')
  })
})

test.group('Absences | justify and correct', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('justifies an absence with a proof stored on the private disk', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'illness', justified: 'yes' })
      .file('proof', PDF_BYTES, { filename: 'certificat.pdf', contentType: 'application/pdf' })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', editUrl(record.id))
    await record.refresh()
    assert.equal(record.absenceReason, 'illness')
    assert.isTrue(record.absenceJustified)
    assert.match(
      record.proofPath!,
      new RegExp(`^attendance-proofs/${own.organization.id}/[0-9a-f-]{36}\\.pdf$`)
    )
    assert.deepEqual(await storedProofs(), [record.proofPath])

    const [event] = await auditEventsOf(record)
    assert.equal(event.action, 'attendance.updated')
    assert.equal(event.userId, own.users.coordinator.id)
    assert.deepEqual(event.changes!.absence_justified, { from: null, to: true })
    assert.deepEqual(event.changes!.absence_reason, { from: null, to: 'illness' })

    const download = await client
      .get(`/coordination/absences/${record.id}/justificatif`)
      .loginAs(own.users.admin)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition')!, 'attachment')
    assert.deepEqual(Buffer.from(download.body()), PDF_BYTES)

    const page = await client.get(editUrl(record.id)).loginAs(own.users.coordinator)
    page.assertTextIncludes('<dd id="justification">Justifiée</dd>')
    page.assertTextIncludes('Justificatif ajouté')
  })

  test('accepts a photo (PNG) whatever its name says', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'medical_exam', justified: 'yes' })
      .file('proof', PNG_BYTES, { filename: 'photo.jpg' })
      .redirects(0)

    await record.refresh()
    assert.match(record.proofPath!, /\.png$/)
  })

  test('refuses a program renamed .pdf: clear message, nothing written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'illness', justified: 'yes' })
      .file('proof', EXE_BYTES, { filename: 'certificat.pdf', contentType: 'application/pdf' })

    response.assertTextIncludes('Le justificatif doit être un fichier PDF, JPEG ou PNG.')
    await record.refresh()
    assert.isNull(record.absenceJustified)
    assert.isNull(record.absenceReason)
    assert.isNull(record.proofPath)
    assert.lengthOf(await auditEventsOf(record), 0)
    assert.deepEqual(await storedProofs(), [])
  })

  test('refuses a text file named .pdf (the content decides, not the name)', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'illness', justified: 'yes' })
      .file('proof', Buffer.from('Certificat médical : repos 2 jours'), {
        filename: 'certificat.pdf',
        contentType: 'application/pdf',
      })

    response.assertTextIncludes('Le justificatif doit être un fichier PDF, JPEG ou PNG.')
    await record.refresh()
    assert.isNull(record.proofPath)
    assert.isNull(record.absenceJustified)
    assert.deepEqual(await storedProofs(), [])
  })

  test('refuses a 6 MB file: clear message, nothing written', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'illness', justified: 'yes' })
      .file('proof', SIX_MB_PDF, { filename: 'scan.pdf', contentType: 'application/pdf' })

    response.assertTextIncludes('Le justificatif dépasse 5 Mo')
    await record.refresh()
    assert.isNull(record.absenceJustified)
    assert.isNull(record.proofPath)
    assert.lengthOf(await auditEventsOf(record), 0)
    assert.deepEqual(await storedProofs(), [])
  })

  test('a correction of a value already set needs a motive, then keeps the old value with who and why', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const record = await absence(own, { absenceReason: 'family_event', absenceJustified: false })

    const refused = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'family_event', justified: 'yes', motive: '' })
      .file('proof', PDF_BYTES, { filename: 'acte.pdf' })

    refused.assertTextIncludes('Indiquez pourquoi vous corrigez la justification')
    await record.refresh()
    assert.isFalse(record.absenceJustified)
    assert.lengthOf(await auditEventsOf(record), 0)
    assert.deepEqual(await storedProofs(), [], 'the proof is not kept for a refused change')

    const accepted = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.admin)
      .withCsrfToken()
      .fields({
        absence_reason: 'family_event',
        justified: 'yes',
        motive: 'Acte de décès reçu après coup',
      })
      .redirects(0)

    accepted.assertStatus(302)
    await record.refresh()
    assert.isTrue(record.absenceJustified)
    const [event] = await auditEventsOf(record)
    assert.equal(event.action, 'attendance.updated')
    assert.equal(event.userId, own.users.admin.id)
    assert.equal(event.reason, 'Acte de décès reçu après coup')
    assert.deepEqual(event.changes, { absence_justified: { from: false, to: true } })
    assert.isNotNull(event.ip)

    const page = await client.get(editUrl(record.id)).loginAs(own.users.coordinator)
    page.assertTextIncludes('Justifiée : non → oui')
    page.assertTextIncludes('par admin alpha')
    page.assertTextIncludes('« Acte de décès reçu après coup »')
  })

  test('a reason outside the cohort’s list is refused', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)

    const response = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .header('referer', editUrl(record.id))
      .fields({ absence_reason: 'holidays', justified: 'yes' })

    response.assertTextIncludes('Choisissez un motif dans la liste.')
    await record.refresh()
    assert.isNull(record.absenceJustified)
  })

  test('when saving fails, the proof just stored is removed', async ({ assert }) => {
    const { own } = await buildWorld()
    const record = await absence(own)
    const loaded = await findAttendanceRecord(own.organization.id, record.id)
    await record.delete()

    await assert.rejects(() =>
      new UpdateAbsence().handle({
        record: loaded,
        user: own.users.coordinator,
        reason: 'illness',
        justified: 'yes',
        proof: { bytes: new Uint8Array(PDF_BYTES), ext: 'pdf', contentType: 'application/pdf' },
        motive: null,
        ip: null,
      })
    )
    assert.deepEqual(await storedProofs(), [])
  })

  test('another organisation’s absence is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const record = await absence(other, { proofPath: 'attendance-proofs/x.pdf' })

    const edit = await client.get(editUrl(record.id)).loginAs(own.users.coordinator)
    edit.assertStatus(404)
    const proof = await client
      .get(`/coordination/absences/${record.id}/justificatif`)
      .loginAs(own.users.admin)
    proof.assertStatus(404)
    const update = await client
      .post(updateUrl(record.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .fields({ absence_reason: 'illness', justified: 'yes' })
    update.assertStatus(404)
    const unchanged = await AttendanceRecord.findOrFail(record.id)
    assert.isNull(unchanged.absenceJustified)
  })
})
