import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ApplicationScore from '#models/application_score'
import type Application from '#models/application'
import { buildWorld } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'
import { postForm } from '#tests/functional/applications/selection_helpers'

const scoresUrl = (application: Application) =>
  `/coordination/candidatures/${application.id}/evaluation`

const scoresOf = (application: Application) =>
  ApplicationScore.query().where('application_id', application.id).orderBy('id')

/**
 * The scoring form as a browser sends it.
 */
function sheet(
  scores: Record<string, string | number>,
  comments: Record<string, string> = {}
): object {
  return { scores, comments }
}

test.group('Applications: scores', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('two staff members score the same application: both shown, with the averages', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'screening')

    const first = await postForm(
      client,
      scoresUrl(application),
      own.users.coordinator,
      sheet(
        { motivation: '4', availability: '2', project: '3' },
        { motivation: 'Très décidée, a déjà cherché seule.', availability: '' }
      )
    )
    first.assertStatus(302)
    first.assertHeader('location', `/coordination/candidatures/${application.id}`)
    first.assertFlashMessage('success', 'Vos notes sont enregistrées.')

    await postForm(
      client,
      scoresUrl(application),
      own.users.admin,
      sheet({ motivation: '3', availability: '1', project: '3' })
    )

    const rows = await scoresOf(application)
    assert.lengthOf(rows, 6)
    const motivation = rows.find(
      (row) => row.scorerId === own.users.coordinator.id && row.criterion === 'motivation'
    )!
    assert.equal(motivation.score, 4)
    assert.equal(motivation.comment, 'Très décidée, a déjà cherché seule.')
    assert.equal(motivation.organizationId, own.organization.id)
    assert.isNull(
      rows.find(
        (row) => row.scorerId === own.users.coordinator.id && row.criterion === 'availability'
      )!.comment
    )

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('coordinator alpha (vous)')
    page.assertTextIncludes('admin alpha')
    page.assertTextIncludes('4 – très bien')
    page.assertTextIncludes('1 – insuffisant')
    page.assertTextIncludes('Très décidée, a déjà cherché seule.')
    // Averages: motivation (4 + 3) / 2, availability (2 + 1) / 2, project 3, overall 16 / 6.
    const averages = page.text().split('id="scores-average"')[1].split('</tr>')[0]
    assert.include(averages, '3,5')
    assert.include(averages, '1,5')
    assert.include(averages, '3,0')
    assert.include(averages, 'Moyenne générale : 2,7')
    // The form shows the signed-in person's own scores.
    page.assertTextIncludes('Modifier vos notes')
    const form = page.text().split('id="scores-form"')[1]
    assert.match(form, /name="scores\[motivation\]"\s+value="4"\s+checked/)
  })

  test('scoring again updates the scorer’s rows, never duplicates them', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'screening')
    const url = scoresUrl(application)

    await postForm(
      client,
      url,
      own.users.coordinator,
      sheet({ motivation: 2, availability: 2, project: 2 })
    )
    await postForm(
      client,
      url,
      own.users.admin,
      sheet({ motivation: 4, availability: 4, project: 4 })
    )
    const again = await postForm(
      client,
      url,
      own.users.coordinator,
      sheet({ motivation: 3, availability: 2, project: 1 }, { project: 'Projet encore flou.' })
    )
    again.assertFlashMessage('success', 'Vos notes sont enregistrées.')

    const rows = await scoresOf(application)
    assert.lengthOf(rows, 6)
    const mine = rows.filter((row) => row.scorerId === own.users.coordinator.id)
    assert.deepEqual(Object.fromEntries(mine.map((row) => [row.criterion, row.score])), {
      motivation: 3,
      availability: 2,
      project: 1,
    })
    assert.equal(mine.find((row) => row.criterion === 'project')!.comment, 'Projet encore flou.')
    const theirs = rows.filter((row) => row.scorerId === own.users.admin.id)
    assert.deepEqual(
      theirs.map((row) => row.score),
      [4, 4, 4]
    )

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.admin)
    const averages = page.text().split('id="scores-average"')[1].split('</tr>')[0]
    assert.include(averages, 'Moyenne générale : 3,0')
  })

  test('an invalid score is refused with a message per criterion and nothing is written', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'screening')

    const response = await postForm(
      client,
      scoresUrl(application),
      own.users.coordinator,
      sheet({ motivation: '5', availability: '3' }, { availability: 'x'.repeat(1001) })
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      'scores.motivation': ['Choisissez une note de 1 à 4 pour « Motivation ».'],
      'scores.project': ['Choisissez une note de 1 à 4 pour « Projet professionnel ».'],
      'comments.availability': [
        'Le commentaire sur « Disponibilité » doit avoir au plus 1 000 caractères.',
      ],
    })

    const empty = await postForm(client, scoresUrl(application), own.users.coordinator, {})
    empty.assertFlashMessage('inputErrorsBag', {
      'scores.motivation': ['Choisissez une note de 1 à 4 pour « Motivation ».'],
      'scores.availability': ['Choisissez une note de 1 à 4 pour « Disponibilité ».'],
      'scores.project': ['Choisissez une note de 1 à 4 pour « Projet professionnel ».'],
    })
    assert.lengthOf(await scoresOf(application), 0)

    // The page shows the message next to the field.
    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Personne n’a encore noté cette candidature.')
  })

  test('the pipeline list shows each average and sorts by it', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const weak = await applicant(own.cohort, 'Faible', 'screening')
    const strong = await applicant(own.cohort, 'Forte', 'screening')
    await applicant(own.cohort, 'Sansnote', 'screening')

    await postForm(
      client,
      scoresUrl(weak),
      own.users.coordinator,
      sheet({ motivation: 1, availability: 2, project: 1 })
    )
    await postForm(
      client,
      scoresUrl(strong),
      own.users.coordinator,
      sheet({ motivation: 4, availability: 3, project: 4 })
    )
    await postForm(
      client,
      scoresUrl(strong),
      own.users.admin,
      sheet({ motivation: 4, availability: 4, project: 4 })
    )

    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    list.assertStatus(200)
    list.assertTextIncludes('Note moyenne')
    list.assertTextIncludes('3,8 / 4 (2 avis)')
    list.assertTextIncludes('1,3 / 4 (1 avis)')

    const sorted = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures?tri=score`)
      .loginAs(own.users.coordinator)
    sorted.assertStatus(200)
    const text = sorted.text()
    const positions = ['FORTE', 'FAIBLE', 'SANSNOTE'].map((name) => text.indexOf(name))
    assert.isTrue(positions.every((position) => position > 0))
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions
    )
    // The status filter keeps the order chosen.
    assert.include(text, `candidatures?statut=screening&amp;tri=score`)

    // Newest first by default: the unscored one, created last, comes first.
    const byDate = list.text()
    assert.isBelow(byDate.indexOf('SANSNOTE'), byDate.indexOf('FORTE'))
  })

  test('another organisation’s application cannot be scored', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const theirs = await applicant(other.cohort, 'Martin', 'screening')
    const response = await postForm(
      client,
      scoresUrl(theirs),
      own.users.coordinator,
      sheet({ motivation: 4, availability: 4, project: 4 })
    )
    response.assertStatus(404)
    assert.lengthOf(await scoresOf(theirs), 0)

    const trainer = await postForm(
      client,
      scoresUrl(theirs),
      other.users.trainer,
      sheet({ motivation: 4, availability: 4, project: 4 })
    )
    trainer.assertStatus(403)
    assert.lengthOf(await scoresOf(theirs), 0)
  })
})
