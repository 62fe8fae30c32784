import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import mailbox from '#services/mailbox'
import type Application from '#models/application'
import Trainee from '#models/trainee'
import MoveApplication from '#actions/applications/move_application'
import { buildWorld } from '#tests/helpers/world'
import {
  changesOf,
  postForm,
  reachableApplicant,
} from '#tests/functional/applications/selection_helpers'

const moveUrl = (application: Application) => `/coordination/candidatures/${application.id}/statut`

test.group('Applications: decisions emailed', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a refusal is emailed kindly, with how to ask why and other options', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'interview')

    const response = await postForm(client, moveUrl(application), own.users.coordinator, {
      status: 'rejected',
      note: 'Projet pas assez mûr pour cette session.',
    })
    response.assertFlashMessage('success', 'La candidature est maintenant « Refusée ».')

    const mail = await mailbox.latestTo(email)
    assert.isNotNull(mail)
    assert.equal(mail!.subject, 'Réponse à votre candidature')
    assert.deepEqual(
      mail!.replyTo.map((address) => address.address),
      ['coordinator@alpha.test']
    )
    const text = mail!.text!
    assert.include(text, 'Bonjour Camille Martin,')
    assert.include(text, 'Programme alpha – Promotion alpha')
    assert.include(text, 'Nous ne pouvons pas vous proposer de place dans cette formation.')
    assert.include(text, 'Elle ne juge pas votre valeur.')
    assert.include(text, 'Vous voulez savoir pourquoi ?')
    assert.include(text, 'coordinator alpha : coordinator@alpha.test')
    assert.include(text, 'France Travail')
    assert.include(text, 'Organisme alpha')
    // The internal note stays internal.
    assert.notInclude(text, 'Projet pas assez mûr')
    assert.notInclude(mail!.html!, 'Projet pas assez mûr')
  })

  test('the waiting list is emailed: what it means, that they will be contacted', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'interview')

    await postForm(client, moveUrl(application), own.users.admin, { status: 'waitlisted' })

    const mail = await mailbox.latestTo(email)
    assert.isNotNull(mail)
    assert.equal(mail!.subject, 'Votre candidature est sur liste d’attente')
    assert.include(mail!.text!, 'Votre candidature est sur liste d’attente.')
    assert.include(mail!.text!, 'Si une place se libère, nous vous la proposerons.')
    assert.include(mail!.text!, 'Nous vous contacterons par téléphone ou par e-mail.')
    assert.include(mail!.text!, 'admin alpha : admin@alpha.test')
    assert.include(mail!.html!, 'href="mailto:admin@alpha.test"')
  })

  test('other moves, refused moves and applicants without email get no decision email', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const screening = await reachableApplicant(own.cohort, 'Martin', 'submitted')
    await postForm(client, moveUrl(screening.application), own.users.coordinator, {
      status: 'screening',
    })
    await screening.application.refresh()
    assert.equal(screening.application.status, 'screening')
    assert.isNull(await mailbox.latestTo(screening.email))

    const reopened = await reachableApplicant(own.cohort, 'Durand', 'rejected')
    await postForm(client, moveUrl(reopened.application), own.users.coordinator, {
      status: 'waitlisted',
    })
    await reopened.application.refresh()
    assert.equal(reopened.application.status, 'rejected')
    assert.isNull(await mailbox.latestTo(reopened.email))

    const silent = await reachableApplicant(own.cohort, 'Petit', 'interview')
    await Trainee.query().where('id', silent.application.traineeId).update({ email: null })
    const response = await postForm(client, moveUrl(silent.application), own.users.coordinator, {
      status: 'rejected',
    })
    response.assertFlashMessage('success', 'La candidature est maintenant « Refusée ».')
    assert.isNull(await mailbox.latestTo(silent.email))
  })

  test('any caller of MoveApplication sends it, only once its transaction commits', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const direct = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const result = await new MoveApplication().handle({
      application: direct.application,
      to: 'waitlisted',
      user: own.users.coordinator,
    })
    assert.isTrue(result.moved)
    assert.equal(
      (await mailbox.latestTo(direct.email))!.subject,
      'Votre candidature est sur liste d’attente'
    )

    const undone = await reachableApplicant(own.cohort, 'Durand', 'screening')
    await db
      .transaction(async (trx) => {
        const moved = await new MoveApplication().handle({
          application: undone.application,
          to: 'rejected',
          user: own.users.coordinator,
          client: trx,
        })
        assert.isTrue(moved.moved)
        throw new Error('the caller changes its mind')
      })
      .catch(() => {})
    await undone.application.refresh()
    assert.equal(undone.application.status, 'screening')
    assert.lengthOf(await changesOf(undone.application), 0)
    assert.isNull(await mailbox.latestTo(undone.email))

    const joined = await reachableApplicant(own.cohort, 'Petit', 'screening')
    await db.transaction(async (trx) => {
      await new MoveApplication().handle({
        application: joined.application,
        to: 'rejected',
        user: own.users.admin,
        client: trx,
      })
      assert.isNull(await mailbox.latestTo(joined.email), 'not before the commit')
    })
    assert.equal((await mailbox.latestTo(joined.email))!.subject, 'Réponse à votre candidature')
  })

  test('another organisation’s application cannot be decided from here', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const theirs = await reachableApplicant(other.cohort, 'Martin', 'interview')
    const response = await postForm(client, moveUrl(theirs.application), own.users.coordinator, {
      status: 'rejected',
    })
    response.assertStatus(404)
    await theirs.application.refresh()
    assert.equal(theirs.application.status, 'interview')
    assert.isNull(await mailbox.latestTo(theirs.email))
  })
})
