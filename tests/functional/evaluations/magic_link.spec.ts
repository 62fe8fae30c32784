import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Internship from '#models/internship'
import TutorEvaluation from '#models/tutor_evaluation'
import { sqlDateTime } from '#services/sql_time'
import { buildWorld } from '#tests/helpers/world'
import {
  VALID_ANSWERS,
  endedInternship,
  linkMailedTo,
  mailsTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'

async function setUp() {
  const world = await buildWorld()
  const { internship, email } = await endedInternship(world.own, 1)
  const evaluation = await sendRequest(world.own, internship)
  const path = await linkMailedTo(email)
  return { world, internship, email, evaluation, path }
}

function reload(internship: Internship) {
  return Internship.findOrFail(internship.id)
}

async function evaluatedAt(internship: Internship) {
  const saved = await reload(internship)
  return saved.evaluatedAt
}

async function answeredAt(evaluation: TutorEvaluation) {
  const saved = await TutorEvaluation.findOrFail(evaluation.id)
  return saved.answeredAt
}

test.group('Tutor evaluation | magic link', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the tutor gets an email in plain French with the link and the deadline', async ({
    assert,
  }) => {
    const { email, world, evaluation } = await setUp()
    const [mail] = await mailsTo(email)
    assert.equal(mail.subject, `Votre avis sur le stage de ${world.own.trainee.fullName}`)
    assert.include(mail.text!, 'Bonjour Marc Lefèvre')
    assert.include(mail.text!, world.own.company.name)
    assert.include(mail.text!, 'Vous pouvez répondre jusqu’au')
    // Only the hash of the token is stored.
    const path = await linkMailedTo(email)
    assert.notInclude(evaluation.tokenHash, path.split('/').at(-1)!)
  })

  test('a valid link shows the form, without an account', async ({ client }) => {
    const { path, world } = await setUp()
    const response = await client.get(path)
    response.assertStatus(200)
    response.assertTextIncludes(`Votre avis sur le stage de ${world.own.trainee.fullName}`)
    response.assertTextIncludes('Assiduité')
    response.assertTextIncludes('Ponctualité')
    response.assertTextIncludes('Embaucheriez-vous ce ou cette stagiaire ?')
  })

  test('sending the form stores the answers and thanks the tutor', async ({ client, assert }) => {
    const { path, internship, evaluation } = await setUp()
    const response = await client.post(path).form(VALID_ANSWERS).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', path)

    const saved = await reload(internship)
    assert.isNotNull(saved.evaluatedAt)
    assert.deepEqual(saved.evaluation, {
      source: 'tutor_link',
      attendance: 4,
      skills: { punctuality: 4, attitude: 3, autonomy: 3, work_quality: 2, digital_skills: null },
      comments: 'Sérieux et souriant.',
      wouldHire: 'yes',
      contractType: 'cdd',
    })
    const request = await TutorEvaluation.findOrFail(evaluation.id)
    assert.isNotNull(request.answeredAt)

    const thanks = await client.get(path)
    thanks.assertStatus(200)
    thanks.assertTextIncludes('Merci, votre évaluation est bien reçue.')
  })

  test('"no" needs no contract type, and one given is not kept', async ({ client, assert }) => {
    const { path, internship } = await setUp()
    await client
      .post(path)
      .form({ ...VALID_ANSWERS, would_hire: 'no', contract_type: 'cdi' })
      .withCsrfToken()
    const saved = await reload(internship)
    assert.equal((saved.evaluation as any).wouldHire, 'no')
    assert.isNull((saved.evaluation as any).contractType)
  })

  test('incomplete answers are refused in French and nothing is written', async ({
    client,
    assert,
  }) => {
    const { path, internship } = await setUp()
    const withoutContract: Partial<typeof VALID_ANSWERS> = { ...VALID_ANSWERS }
    delete withoutContract.contract_type
    const response = await client
      .post(path)
      .header('referer', path)
      .form({ ...withoutContract, attendance: '7' })
      .withCsrfToken()
    response.assertStatus(200)
    response.assertTextIncludes('Choisissez une réponse pour l’assiduité.')
    response.assertTextIncludes('Choisissez le type de contrat.')
    assert.isNull(await evaluatedAt(internship))
  })

  test('an expired link gives a clear page and writes nothing', async ({ client, assert }) => {
    const { path, internship, evaluation } = await setUp()
    await db
      .from('tutor_evaluations')
      .where('id', evaluation.id)
      .update({ expires_at: sqlDateTime(DateTime.utc().minus({ minutes: 1 })) })

    const page = await client.get(path)
    page.assertStatus(410)
    page.assertTextIncludes('Ce lien a expiré.')
    const sent = await client.post(path).form(VALID_ANSWERS).withCsrfToken()
    sent.assertStatus(410)
    sent.assertTextIncludes('Rien n’a été enregistré.')

    assert.isNull(await evaluatedAt(internship))
    assert.isNull(await answeredAt(evaluation))
  })

  test('a tampered link gives a clear page and writes nothing', async ({ client, assert }) => {
    const { path, internship } = await setUp()
    const last = path.at(-1) === 'A' ? 'B' : 'A'
    const tampered = path.slice(0, -1) + last

    const page = await client.get(tampered)
    page.assertStatus(404)
    page.assertTextIncludes('Ce lien n’est pas valide.')
    const sent = await client.post(tampered).form(VALID_ANSWERS).withCsrfToken()
    sent.assertStatus(404)
    const garbage = await client.get('/evaluation-stage/x')
    garbage.assertStatus(404)

    assert.isNull(await evaluatedAt(internship))
  })

  test('a second submission is refused and the first answers are kept', async ({
    client,
    assert,
  }) => {
    const { path, internship } = await setUp()
    await client.post(path).form(VALID_ANSWERS).withCsrfToken()
    const first = await reload(internship)

    const again = await client
      .post(path)
      .form({ ...VALID_ANSWERS, attendance: '1', would_hire: 'no', comments: 'Autre avis' })
      .withCsrfToken()
    again.assertStatus(409)
    again.assertTextIncludes('Merci, votre évaluation est bien reçue.')
    again.assertTextIncludes('nous gardons vos premières réponses')

    const kept = await reload(internship)
    assert.deepEqual(kept.evaluation, first.evaluation)
    assert.equal(kept.evaluatedAt!.toMillis(), first.evaluatedAt!.toMillis())
  })

  test('the form keeps its CSRF protection', async ({ client, assert }) => {
    const { path, internship, evaluation } = await setUp()
    // Without the token shield sends the visitor back, and nothing is kept.
    await client.post(path).form(VALID_ANSWERS).redirects(0)
    assert.isNull(await evaluatedAt(internship))
    assert.isNull(await answeredAt(evaluation))
  })
})
