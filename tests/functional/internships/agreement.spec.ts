import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld, type Side } from '#tests/helpers/world'
import {
  EXE_BYTES,
  PDF_BYTES,
  PNG_BYTES,
  SIX_MB_PDF,
  readPdf,
} from '#tests/functional/attendance/absences_helpers'
import { dayFromToday, expectText } from '#tests/functional/internships/helpers'

const pdfUrl = (id: number) => `/coordination/stages/${id}/convention.pdf`
const scanUrl = (id: number) => `/coordination/stages/${id}/convention-signee`

/**
 * Fills in what the agreement prints: the organisation's SIRET and NDA,
 * the company's address, the trainee's birth date and address, the
 * internship's details.
 */
async function completeWorld(side: Side) {
  side.organization.merge({ siret: '12345678900011', nda: '28760012376' })
  await side.organization.save()
  side.company.merge({ addressLine: '12 rue du Gros-Horloge' })
  await side.company.save()
  side.trainee.merge({
    birthDate: DateTime.fromISO('1999-04-12'),
    addressLine: '3 allée des Tilleuls',
    postalCode: '76100',
    city: 'Rouen',
  })
  await side.trainee.save()
  side.internship.merge({
    place: 'Rayon épicerie',
    tasks: 'Mise en rayon et inventaire',
    objectives: 'Gérer un rayon en autonomie',
    evaluationMethod: 'Grille remplie par la tutrice en fin de stage',
  })
  await side.internship.save()
}

async function storedScans() {
  const { objects } = await drive.use().listAll('agreements', { recursive: true })
  return [...objects].map((object) => ('key' in object ? object.key : ''))
}

test.group('Internships | agreement PDF', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('writes the tripartite agreement from the data, with three signature blocks', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await completeWorld(own)
    const response = await client.get(pdfUrl(own.internship.id)).loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const { text } = await readPdf(response.body())
    assert.include(text, 'Convention de stage tripartite')
    assert.include(text, 'Organisme alpha')
    assert.include(text, '12345678900011')
    assert.include(text, '28760012376')
    assert.include(text, 'Entreprise alpha')
    assert.include(text, '73254872000018')
    assert.include(text, '12 rue du Gros-Horloge, 76000 Rouen')
    assert.include(text, 'ALPHA Stagiaire')
    assert.include(text, '12/04/1999')
    assert.include(text, '3 allée des Tilleuls, 76100 Rouen')
    assert.include(text, 'Programme alpha')
    assert.include(text, 'Promotion alpha')
    assert.include(text, own.internship.startsOn.toFormat('dd/MM/yyyy'))
    assert.include(text, '35 h')
    assert.include(text, 'Rayon épicerie')
    assert.include(text, 'Mise en rayon et inventaire')
    assert.include(text, 'Gérer un rayon en autonomie')
    assert.include(text, 'Grille remplie par la tutrice en fin de stage')
    assert.include(text, 'Tutrice alpha')
    assert.include(text, 'Pour l’organisme de formation')
    assert.include(text, 'Pour l’entreprise d’accueil')
    assert.include(text, 'Le ou la stagiaire')
    assert.lengthOf(text.match(/Date et signature :/g) ?? [], 3)
    assert.notInclude(text, 'Prescripteur')
  })

  test('writes the PMSMP variant with its prescriber', async ({ client, assert }) => {
    const { own } = await buildWorld()
    own.internship.merge({ kind: 'pmsmp', prescriber: 'Mission Locale de Rouen' })
    await own.internship.save()
    const response = await client.get(pdfUrl(own.internship.id)).loginAs(own.users.admin)

    const { text } = await readPdf(response.body())
    assert.include(text, 'période de mise en situation en milieu professionnel (PMSMP)')
    assert.include(text, 'Prescripteur : Mission Locale de Rouen')
    assert.include(text, 'La personne bénéficiaire')
    assert.lengthOf(text.match(/Date et signature :/g) ?? [], 3)
  })
})

test.group('Internships | signed agreement scan', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('stores the signed scan, signs the internship and sends the file back', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(scanUrl(own.internship.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .file('scan', PDF_BYTES, { filename: 'convention.pdf', contentType: 'application/pdf' })

    response.assertTextIncludes(
      'La convention signée est déposée : le stage passe à « Convention signée ».'
    )
    await own.internship.refresh()
    assert.equal(own.internship.status, 'signed')
    assert.equal(own.internship.signedOn!.toISODate(), dayFromToday(0))
    assert.match(
      own.internship.signedAgreementKey!,
      new RegExp(`^agreements/${own.organization.id}/[0-9a-f-]{36}\\.pdf$`)
    )
    assert.deepEqual(await storedScans(), [own.internship.signedAgreementKey])

    const download = await client.get(scanUrl(own.internship.id)).loginAs(own.users.admin)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition')!, 'attachment')
    assert.deepEqual(Buffer.from(download.body()), PDF_BYTES)

    // A replacement keeps the status and removes the former file.
    const first = own.internship.signedAgreementKey
    await client
      .post(scanUrl(own.internship.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .file('scan', PNG_BYTES, { filename: 'photo.png', contentType: 'image/png' })
    await own.internship.refresh()
    assert.notEqual(own.internship.signedAgreementKey, first)
    assert.match(own.internship.signedAgreementKey!, /\.png$/)
    assert.deepEqual(await storedScans(), [own.internship.signedAgreementKey])
  })

  test('refuses a program named .pdf, a file over 5 MB and no file, storing nothing', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const post = () =>
      client.post(scanUrl(own.internship.id)).loginAs(own.users.coordinator).withCsrfToken()

    await expectText(
      post().file('scan', EXE_BYTES, {
        filename: 'convention.pdf',
        contentType: 'application/pdf',
      }),
      'La convention signée doit être un fichier PDF, JPEG ou PNG.'
    )
    await expectText(
      post().file('scan', SIX_MB_PDF, { filename: 'scan.pdf', contentType: 'application/pdf' }),
      'La convention signée dépasse 5 Mo'
    )
    await expectText(post().form({}), 'Choisissez le scan de la convention signée.')

    await own.internship.refresh()
    assert.equal(own.internship.status, 'draft')
    assert.isNull(own.internship.signedAgreementKey)
    assert.deepEqual(await storedScans(), [])

    const download = await client.get(scanUrl(own.internship.id)).loginAs(own.users.admin)
    download.assertTextIncludes('Aucune convention signée n’est déposée pour ce stage.')
  })

  test('another organisation’s scan is not found', async ({ client }) => {
    const { own, other } = await buildWorld()
    const upload = await client
      .post(scanUrl(other.internship.id))
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .file('scan', PDF_BYTES, { filename: 'convention.pdf', contentType: 'application/pdf' })
    upload.assertStatus(404)
    const download = await client.get(scanUrl(other.internship.id)).loginAs(own.users.coordinator)
    download.assertStatus(404)
  })
})
