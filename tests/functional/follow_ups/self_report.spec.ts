import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Outcome from '#models/outcome'
import { buildWorld } from '#tests/helpers/world'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'

const employed = {
  situation: 'employed',
  contract_type: 'cdd',
  contract_months: '6',
  employer_name: 'Boulangerie Martin',
  job_title: 'Vendeuse',
}

test.group('Follow-ups | self-report link', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a valid link shows the three questions without an account', async ({ client }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)

    const response = await client.get(`/ma-situation/${token}`)

    response.assertStatus(200)
    response.assertTextIncludes('Bonjour Stagiaire, que faites-vous aujourd’hui ?')
    response.assertTextIncludes('En recherche d’emploi')
    response.assertTextIncludes('Type de contrat')
    response.assertTextIncludes('Nom de l’employeur')
  })

  test('answering records a declared observation and answers the follow-up', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)

    const response = await client
      .post(`/ma-situation/${token}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/ma-situation/${token}`)

    const outcomes = await Outcome.query().where('enrollment_id', own.enrollment.id)
    assert.lengthOf(outcomes, 1)
    assert.include(outcomes[0].toJSON(), {
      checkpoint: 'm3',
      situation: 'employed',
      contractType: 'cdd',
      contractMonths: 6,
      employerName: 'Boulangerie Martin',
      jobTitle: 'Vendeuse',
      source: 'declared',
      recordedById: null,
    })
    await m3.refresh()
    assert.equal(m3.status, 'answered')
    assert.isNotNull(m3.answeredAt)

    const thanks = await client.get(`/ma-situation/${token}`)
    thanks.assertStatus(200)
    thanks.assertTextIncludes('Merci, c’est enregistré.')
    thanks.assertTextIncludes('Pour corriger')
  })

  test('"autre" is stored as inactive, without contract details', async ({ assert, client }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)

    await client
      .post(`/ma-situation/${token}`)
      .form({ ...employed, situation: 'other' })
      .withCsrfToken()
      .redirects(0)

    const outcome = await Outcome.findByOrFail('enrollment_id', own.enrollment.id)
    assert.equal(outcome.situation, 'inactive')
    assert.isNull(outcome.contractType)
    assert.isNull(outcome.employerName)
  })

  test('a CDD without its length nor employer: the form says why, nothing written', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)

    const response = await client
      .post(`/ma-situation/${token}`)
      .header('referer', `/ma-situation/${token}`)
      .form({ situation: 'employed', contract_type: 'cdd' })
      .withCsrfToken()

    response.assertTextIncludes('Indiquez la durée du contrat, en mois.')
    response.assertTextIncludes('Indiquez le nom de l’employeur.')
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
    await m3.refresh()
    assert.equal(m3.status, 'sent')
  })

  test('a reused link: a clear page, the first answer kept, nothing more written', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)
    await client.post(`/ma-situation/${token}`).form(employed).withCsrfToken().redirects(0)

    const again = await client
      .post(`/ma-situation/${token}`)
      .form({ situation: 'job_seeking' })
      .withCsrfToken()
      .redirects(0)

    again.assertStatus(409)
    again.assertTextIncludes('Votre réponse est déjà enregistrée.')
    const outcomes = await Outcome.query().where('enrollment_id', own.enrollment.id)
    assert.deepEqual(
      outcomes.map((outcome) => outcome.situation),
      ['employed']
    )
  })

  test('an expired link: 410 with a clear page, nothing written', async ({ assert, client }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3, 40, -1)

    const page = await client.get(`/ma-situation/${token}`)
    page.assertStatus(410)
    page.assertTextIncludes('Ce lien a expiré.')

    const post = await client
      .post(`/ma-situation/${token}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(410)
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
    await m3.refresh()
    assert.isNull(m3.answeredAt)
  })

  test('a tampered or unknown link: 404 with a clear page, nothing written', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')

    const page = await client.get(`/ma-situation/${tampered}`)
    page.assertStatus(404)
    page.assertTextIncludes('Ce lien n’est pas valide.')

    const post = await client
      .post(`/ma-situation/${tampered}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(404)
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
  })

  test('a link for an enrollment back in training answers 404, nothing written', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const { m3 } = await exitEnrollment(own)
    const token = await sentFollowUp(m3)
    own.enrollment.merge({ status: 'active', exitOn: null })
    await own.enrollment.save()

    const post = await client
      .post(`/ma-situation/${token}`)
      .form(employed)
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(404)
    assert.lengthOf(await Outcome.query().where('enrollment_id', own.enrollment.id), 0)
    await m3.refresh()
    assert.isNull(m3.answeredAt)
  })
})
