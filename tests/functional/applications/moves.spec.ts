import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import type User from '#models/user'
import { buildWorld, type Side } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'
import { applications as matrix } from '#tests/functional/authorization/areas/applications'
import { ACTORS } from '#tests/functional/authorization/expectations'
import router from '@adonisjs/core/services/router'

function move(client: ApiClient, application: Application, user: User, form: object) {
  return client
    .post(`/coordination/candidatures/${application.id}/statut`)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

const changesOf = (application: Application) =>
  ApplicationStatusChange.query().where('application_id', application.id)

test.group('Applications: moving along the pipeline', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a move records who, when and the note, and shows in the history', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const before = DateTime.now().minus({ days: 30 })
    const application = await applicant(own.cohort, 'Martin', 'submitted', {
      lastContactAt: before,
    })

    const response = await move(client, application, own.users.coordinator, {
      status: 'info_session',
      note: '  Invitée à la réunion du 12 mars.  ',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/candidatures/${application.id}`)
    response.assertFlashMessage(
      'success',
      'La candidature est maintenant « Réunion d’information ».'
    )

    await application.refresh()
    assert.equal(application.status, 'info_session')
    assert.isAbove(application.lastContactAt!.toMillis(), before.plus({ days: 29 }).toMillis())
    const [change] = await changesOf(application)
    assert.equal(change.fromStatus, 'submitted')
    assert.equal(change.toStatus, 'info_session')
    assert.equal(change.changedById, own.users.coordinator.id)
    assert.equal(change.note, 'Invitée à la réunion du 12 mars.')
    assert.equal(change.organizationId, own.organization.id)

    await move(client, application, own.users.admin, { status: 'interview' })
    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Reçue → Réunion d’information')
    page.assertTextIncludes('Invitée à la réunion du 12 mars.')
    page.assertTextIncludes('coordinator alpha')
    // Newest first.
    const text = page.text()
    assert.isBelow(
      text.indexOf('Réunion d’information → Entretien'),
      text.indexOf('Reçue → Réunion d’information')
    )
    assert.include(text, 'admin alpha')
  })

  test('a move that makes no sense is refused and writes nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'interview')

    const response = await move(client, application, own.users.coordinator, {
      status: 'screening',
      note: 'Retour en arrière',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Une candidature « Entretien » ne peut pas passer à « Étude du dossier ». Statuts possibles : « Liste d’attente », « Refusée », « Désistement ».'
    )
    await application.refresh()
    assert.equal(application.status, 'interview')
    assert.lengthOf(await changesOf(application), 0)
  })

  test('admission is not a move of this page', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'interview')

    const response = await move(client, application, own.users.coordinator, {
      status: 'admitted',
    })
    response.assertFlashMessage(
      'error',
      'Une candidature « Entretien » ne peut pas passer à « Admise ». Statuts possibles : « Liste d’attente », « Refusée », « Désistement ».'
    )
    await application.refresh()
    assert.equal(application.status, 'interview')
    assert.lengthOf(await changesOf(application), 0)

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    assert.notInclude(page.text(), 'value="admitted"')
  })

  test('moving to the same status is refused', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'screening')
    const response = await move(client, application, own.users.coordinator, {
      status: 'screening',
    })
    response.assertFlashMessage('error', 'La candidature est déjà « Étude du dossier ».')
    assert.lengthOf(await changesOf(application), 0)
  })

  test('bad input gets a message on the field and writes nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'submitted')

    const unknown = await move(client, application, own.users.coordinator, { status: 'hired' })
    unknown.assertStatus(302)
    unknown.assertFlashMessage('inputErrorsBag', {
      status: ['Choisissez une valeur dans la liste pour « statut ».'],
    })

    const long = await move(client, application, own.users.coordinator, {
      status: 'screening',
      note: 'x'.repeat(1001),
    })
    long.assertStatus(302)
    long.assertFlashMessage('inputErrorsBag', {
      note: ['Le champ « note » doit avoir au plus 1000 caractères.'],
    })

    await application.refresh()
    assert.equal(application.status, 'submitted')
    assert.lengthOf(await changesOf(application), 0)
  })

  test('a rejected application can be reopened', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'rejected')

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Rouvrir la candidature (retour à « Étude du dossier »)')

    const response = await move(client, application, own.users.coordinator, {
      status: 'screening',
      note: 'Refusée par erreur',
    })
    response.assertFlashMessage('success', 'La candidature est maintenant « Étude du dossier ».')
    await application.refresh()
    assert.equal(application.status, 'screening')
    const [change] = await changesOf(application)
    assert.equal(change.fromStatus, 'rejected')
    assert.equal(change.note, 'Refusée par erreur')

    const again = await applicant(own.cohort, 'Durand', 'rejected')
    const refused = await move(client, again, own.users.coordinator, { status: 'interview' })
    refused.assertFlashMessage(
      'error',
      'Une candidature « Refusée » ne peut pas passer à « Entretien ». Statuts possibles : « Étude du dossier ».'
    )
  })

  test('another organisation’s application is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const theirs = await applicant(other.cohort, 'Martin', 'submitted')

    const page = await client
      .get(`/coordination/candidatures/${theirs.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(404)
    const response = await move(client, theirs, own.users.admin, { status: 'screening' })
    response.assertStatus(404)
    await theirs.refresh()
    assert.equal(theirs.status, 'submitted')
    assert.lengthOf(await changesOf(theirs), 0)
  })

  test('a trainer is refused', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'submitted')
    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.trainer)
    page.assertStatus(403)
    const response = await move(client, application, own.users.trainer, { status: 'screening' })
    response.assertStatus(403)
    assert.lengthOf(await changesOf(application), 0)
  })
})

test.group('Applications: the application page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the person, the eligibility reasons and the RQTH to coordinators', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    const application = await applicant(own.cohort, 'Martin', 'submitted', {
      motivation: 'Je veux <b>apprendre</b>.',
      availability: 'Tous les jours sauf le mercredi',
      eligible: false,
      eligibility: { result: 'ineligible', reasons: ['âge : 17 ans, minimum 18'] },
    })
    const trainee = await application.related('trainee').query().firstOrFail()
    trainee.rqth = 'yes'
    await trainee.save()

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Candidature de Camille Martin')
    page.assertTextIncludes(trainee.email!)
    page.assertTextIncludes('Niveau 3 (CAP, BEP)')
    page.assertTextIncludes('France Travail')
    page.assertTextIncludes('Je veux &lt;b&gt;apprendre&lt;/b&gt;.')
    page.assertTextIncludes('Tous les jours sauf le mercredi')
    page.assertTextIncludes('Non éligible')
    page.assertTextIncludes('âge : 17 ans, minimum 18')
    page.assertTextIncludes('Aucun changement de statut pour le moment.')
    page.assertTextIncludes(`<dd id="rqth">`)
    const rqth = page.text().split('<dd id="rqth">')[1].split('</dd>')[0]
    if (!rqth.includes('Oui')) throw new Error(`RQTH not shown: ${rqth}`)
  })
})

test.group('Applications: authorization matrix entries', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each route answers every role as the matrix expects', async ({ client, assert }) => {
    const world = await buildWorld()
    const withApplication = async (side: Side) => ({
      ...side,
      application: await Application.query().where('cohort_id', side.cohort.id).firstOrFail(),
    })
    const own = await withApplication(world.own)
    const other = await withApplication(world.other)
    const failures: string[] = []
    for (const [name, entry] of Object.entries(matrix)) {
      const method = name.endsWith('.move') ? 'post' : 'get'
      for (const [label, target] of [
        ['own', own],
        ['other', other],
      ] as const) {
        const url = router.makeUrl(name, entry.params?.(target) ?? {})
        for (const actor of ACTORS) {
          const request =
            method === 'get'
              ? client.get(url)
              : client
                  .post(url)
                  .form(entry.body?.(target) ?? {})
                  .withCsrfToken()
          if (actor !== 'guest') request.loginAs(own.users[actor])
          const response = await request.redirects(0)
          const status = response.status()
          let expected = entry.expect[actor]
          if (label === 'other' && (expected === 'ok' || expected === 'redirect'))
            expected = 'missing'
          const outcome =
            status === 200
              ? 'ok'
              : status === 302
                ? response.header('location') === '/connexion'
                  ? 'login'
                  : 'redirect'
                : status === 403
                  ? 'forbidden'
                  : status === 404
                    ? 'missing'
                    : `status ${status}`
          if (outcome !== expected) failures.push(`${name} ${label} ${actor}: ${outcome}`)
        }
      }
    }
    assert.deepEqual(failures, [])
  })
})
