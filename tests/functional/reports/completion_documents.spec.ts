import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ApiRequest } from '@japa/api-client'
import JSZip from 'jszip'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import { buildWorld, type Side } from '#tests/helpers/world'
import { readPdf } from '#tests/functional/attendance/absences_helpers'

/**
 * Keeps PDF and ZIP bytes (the test client buffers only the content types
 * it knows): `response.body()` is then a Buffer.
 */
for (const mime of ['application/pdf', 'application/zip']) {
  ApiRequest.addParser(mime, (res, done) => {
    const chunks: Buffer[] = []
    const stream = res as unknown as NodeJS.ReadableStream
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

async function withNda(side: Side) {
  side.organization.merge({ nda: '28760012376', siret: '12345678900011' })
  await side.organization.save()
}

test.group('Completion documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the certificate of completion names the trainee, the hours attended and the NDA', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await withNda(own)
    const response = await client
      .get(`/coordination/inscriptions/${own.enrollment.id}/certificat-realisation.pdf`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    assert.include(
      response.header('content-disposition'),
      'certificat-realisation-alpha-stagiaire.pdf'
    )
    const { text } = await readPdf(response.body())
    assert.include(text, 'Certificat de réalisation')
    assert.include(text, 'ALPHA Stagiaire')
    assert.include(text, '28760012376')
    // The world's past session, 13:30–17:00, attended in full.
    assert.include(text, '3,5 h')
    assert.include(text, 'action de formation')
    assert.include(text, 'Programme alpha')
  })

  test('the attestation gives the objectives, duration and assessment result in words', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await withNda(own)
    own.programme.merge({ description: 'Devenir développeur web junior.' })
    await own.programme.save()
    own.enrollment.merge({ certificationResult: 'passed' })
    await own.enrollment.save()
    const response = await client
      .get(`/coordination/inscriptions/${own.enrollment.id}/attestation-fin-formation.pdf`)
      .loginAs(own.users.admin)
    response.assertStatus(200)
    const { text } = await readPdf(response.body())
    assert.include(text, 'Attestation de fin de formation')
    assert.include(text, 'ALPHA Stagiaire')
    assert.include(text, 'Devenir développeur web junior.')
    assert.include(text, 'Numérique alpha')
    assert.include(text, '400 h')
    assert.include(text, '3,5 h')
    assert.include(text, 'Certification obtenue')
    assert.include(text, '28760012376')
  })

  test('the cohort ZIP holds both documents of every enrollment', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await withNda(own)
    const trainee = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Élodie',
      lastName: 'Lefèvre',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: trainee.id,
      status: 'dropped_out',
      startsOn: own.cohort.startsOn,
      exitOn: own.cohort.startsOn.plus({ days: 3 }),
      exitReason: 'health',
    })
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/documents-fin-formation.zip`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/zip')
    const zip = await JSZip.loadAsync(response.body())
    const names = Object.keys(zip.files).sort()
    assert.lengthOf(names, 2 * 2)
    assert.deepEqual(names, [
      'attestation-fin-formation-alpha-stagiaire.pdf',
      'attestation-fin-formation-lefevre-elodie.pdf',
      'certificat-realisation-alpha-stagiaire.pdf',
      'certificat-realisation-lefevre-elodie.pdf',
    ])
    const certificate = await zip
      .file('certificat-realisation-lefevre-elodie.pdf')!
      .async('nodebuffer')
    const { text } = await readPdf(certificate)
    assert.include(text, 'LEFÈVRE Élodie')
    assert.include(text, '0 h')
    assert.include(text, '28760012376')
  })

  test('the cohort page lists the trainees with links to their documents', async ({ client }) => {
    const { own } = await buildWorld()
    const cohortPage = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)
    cohortPage.assertTextIncludes('Documents de fin de formation')
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/documents-fin-formation`)
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('ALPHA Stagiaire')
    response.assertTextIncludes(
      `/coordination/inscriptions/${own.enrollment.id}/certificat-realisation.pdf`
    )
    response.assertTextIncludes(
      `/coordination/promotions/${own.cohort.id}/documents-fin-formation.zip`
    )
  })

  test("another organisation's enrollment or cohort gives 404", async ({ client }) => {
    const { own, other } = await buildWorld()
    for (const url of [
      `/coordination/inscriptions/${other.enrollment.id}/certificat-realisation.pdf`,
      `/coordination/inscriptions/${other.enrollment.id}/attestation-fin-formation.pdf`,
      `/coordination/promotions/${other.cohort.id}/documents-fin-formation.zip`,
      `/coordination/promotions/${other.cohort.id}/documents-fin-formation`,
    ]) {
      const response = await client.get(url).loginAs(own.users.coordinator)
      response.assertStatus(404)
    }
  })
})
