import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mailbox from '#services/mailbox'
import Application from '#models/application'
import Site from '#models/site'
import Trainee from '#models/trainee'
import { buildWorld } from '#tests/helpers/world'
import {
  changesOf,
  parisDay,
  postForm,
  reachableApplicant,
} from '#tests/functional/applications/selection_helpers'

const inviteUrl = (application: Application) =>
  `/coordination/candidatures/${application.id}/invitation`
const bulkUrl = (cohortId: number) =>
  `/coordination/promotions/${cohortId}/candidatures/invitations`

test.group('Applications: invitations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an invitation moves the application, notes it and emails the date in Paris time', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await Site.query().where('id', own.site.id).update({ address: '12 rue de la Paix' })
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const day = parisDay(40)

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Inviter à une réunion d’information')
    page.assertTextIncludes('Inviter à un entretien')
    page.assertTextIncludes('value="Centre alpha, 12 rue de la Paix, 76000 Rouen"')

    const response = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'interview',
      date: day.iso,
      start_time: '09:30',
      location: 'Centre alpha, 12 rue de la Paix, 76000 Rouen',
      message: 'Apportez votre CV.\nSonnez à l’interphone « Formation ».',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/candidatures/${application.id}`)
    response.assertFlashMessage('success', 'Invitation à un entretien envoyée.')

    await application.refresh()
    assert.equal(application.status, 'interview')
    const [change] = await changesOf(application)
    assert.equal(change.fromStatus, 'screening')
    assert.equal(change.toStatus, 'interview')
    assert.equal(change.changedById, own.users.coordinator.id)
    assert.equal(
      change.note,
      `Invitée à l’entretien du ${day.short} à 9 h 30, Centre alpha, 12 rue de la Paix, 76000 Rouen. Message : Apportez votre CV.\nSonnez à l’interphone « Formation ».`
    )

    const mail = await mailbox.latestTo(email)
    assert.isNotNull(mail)
    assert.equal(mail!.subject, 'Invitation à un entretien')
    assert.deepEqual(
      mail!.replyTo.map((address) => address.address),
      ['coordinator@alpha.test']
    )
    const text = mail!.text!
    assert.include(text, 'Bonjour Camille Martin,')
    assert.include(text, 'Nous vous invitons à un entretien.')
    assert.include(text, `Quand : le ${day.long} à 9 h 30.`)
    assert.include(text, 'Où : Centre alpha, 12 rue de la Paix, 76000 Rouen.')
    assert.include(text, 'Apportez votre CV.')
    assert.include(text, 'coordinator alpha : coordinator@alpha.test')
    assert.include(mail!.html!, `le ${day.long} à 9 h 30`)
    assert.include(mail!.html!, 'Sonnez à l’interphone « Formation ».')
  })

  test('inviting again to the same step is allowed and recorded', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'info_session')
    const day = parisDay(3)

    const response = await postForm(client, inviteUrl(application), own.users.admin, {
      kind: 'info_session',
      date: day.iso,
      start_time: '14:00',
      location: 'Salle 2',
    })
    response.assertFlashMessage('success', 'Invitation à une réunion d’information envoyée.')
    await application.refresh()
    assert.equal(application.status, 'info_session')
    const changes = await changesOf(application)
    assert.lengthOf(changes, 1)
    assert.equal(changes[0].fromStatus, 'info_session')
    assert.equal(changes[0].toStatus, 'info_session')
    assert.equal(
      changes[0].note,
      `Invitée à la réunion d’information du ${day.short} à 14 h, Salle 2.`
    )
    const mail = await mailbox.latestTo(email)
    assert.equal(mail!.subject, 'Invitation à une réunion d’information')
    assert.include(mail!.text!, `Quand : le ${day.long} à 14 h.`)
    assert.notInclude(mail!.text!, 'Message de')
  })

  test('a rejected application cannot be invited: nothing written, no email', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'rejected')

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Une candidature « Refusée » ne reçoit pas d’invitation.')

    const response = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'info_session',
      date: parisDay(5).iso,
      start_time: '09:00',
      location: 'Salle 1',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Invitation impossible. Une candidature « Refusée » ne peut pas passer à « Réunion d’information ». Statuts possibles : « Étude du dossier ».'
    )
    await application.refresh()
    assert.equal(application.status, 'rejected')
    assert.lengthOf(await changesOf(application), 0)
    assert.isNull(await mailbox.latestTo(email))
  })

  test('bad input gets French messages and writes nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { application, email } = await reachableApplicant(own.cohort, 'Martin', 'screening')

    const past = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'party',
      date: parisDay(-1).iso,
      start_time: '25:00',
      location: '',
      message: 'x'.repeat(1001),
    })
    past.assertStatus(302)
    past.assertFlashMessage('inputErrorsBag', {
      kind: ['Choisissez une valeur dans la liste pour « type ».'],
      date: ['Cette date est passée : choisissez aujourd’hui ou un jour à venir.'],
      start_time: ['Écrivez une heure valide, par exemple : 09:30.'],
      location: ['Le champ « lieu » est obligatoire.'],
      message: ['Le champ « message » doit avoir au plus 1000 caractères.'],
    })

    const earlierToday = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'interview',
      date: parisDay(0).iso,
      start_time: '00:00',
      location: 'Salle 1',
    })
    earlierToday.assertFlashMessage('inputErrorsBag', {
      start_time: ['Cette heure est déjà passée : choisissez une heure à venir.'],
    })

    const far = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'interview',
      date: parisDay(400).iso,
      start_time: '10:00',
      location: 'Salle 1',
    })
    far.assertFlashMessage('inputErrorsBag', {
      date: ['Choisissez une date dans les 12 prochains mois.'],
    })

    await application.refresh()
    assert.equal(application.status, 'screening')
    assert.lengthOf(await changesOf(application), 0)
    assert.isNull(await mailbox.latestTo(email))
  })

  test('without an email address the invitation is recorded and the coordinator told to call', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application } = await reachableApplicant(own.cohort, 'Martin', 'screening')
    await Trainee.query().where('id', application.traineeId).update({ email: null })

    const response = await postForm(client, inviteUrl(application), own.users.coordinator, {
      kind: 'info_session',
      date: parisDay(6).iso,
      start_time: '10:00',
      location: 'Salle 1',
    })
    response.assertFlashMessage(
      'success',
      'Invitation à une réunion d’information envoyée. Sans adresse e-mail, à prévenir par téléphone : Camille Martin.'
    )
    await application.refresh()
    assert.equal(application.status, 'info_session')
    assert.lengthOf(await changesOf(application), 1)
  })

  test('another organisation’s application or cohort is not found', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const { application: theirs, email } = await reachableApplicant(
      other.cohort,
      'Martin',
      'screening'
    )
    const form = { date: parisDay(5).iso, start_time: '09:00', location: 'Salle 1' }

    const single = await postForm(client, inviteUrl(theirs), own.users.coordinator, {
      kind: 'info_session',
      ...form,
    })
    single.assertStatus(404)
    const bulk = await postForm(client, bulkUrl(other.cohort.id), own.users.admin, {
      ids: [theirs.id],
      ...form,
    })
    bulk.assertStatus(404)

    await theirs.refresh()
    assert.equal(theirs.status, 'screening')
    assert.lengthOf(await changesOf(theirs), 0)
    assert.isNull(await mailbox.latestTo(email))
  })
})

test.group('Applications: collective invitation from the list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list offers a box for each application that can be invited', async ({ client }) => {
    const { own } = await buildWorld()
    const { application: open } = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const { application: refused } = await reachableApplicant(own.cohort, 'Durand', 'rejected')

    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    list.assertStatus(200)
    list.assertTextIncludes(
      `id="invite-${open.id}" name="ids[]" value="${open.id}" form="bulk-invitation"`
    )
    list.assertTextIncludes('Inviter Camille Martin à la réunion d’information')
    list.assertTextIncludes('<form method="POST" action="/coordination/promotions/')
    list.assertTextIncludes('id="bulk-invitation"')
    if (list.text().includes(`id="invite-${refused.id}"`)) {
      throw new Error('a rejected application must not be offered')
    }
  })

  test('each ticked application is invited and gets its own email', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const first = await reachableApplicant(own.cohort, 'Martin', 'submitted')
    const second = await reachableApplicant(own.cohort, 'Durand', 'screening')
    const third = await reachableApplicant(own.cohort, 'Petit', 'info_session')
    const day = parisDay(10)

    const response = await postForm(client, bulkUrl(own.cohort.id), own.users.coordinator, {
      ids: [first.application.id, second.application.id, third.application.id],
      date: day.iso,
      start_time: '9h30',
      location: 'Centre alpha, salle 3',
      message: 'Venez avec une pièce d’identité.',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/promotions/${own.cohort.id}/candidatures`)
    response.assertFlashMessage('success', '3 personnes sont invitées à la réunion d’information.')

    for (const { application, email } of [first, second, third]) {
      await application.refresh()
      assert.equal(application.status, 'info_session')
      const changes = await changesOf(application)
      assert.lengthOf(changes, 1)
      assert.equal(
        changes[0].note,
        `Invitée à la réunion d’information du ${day.short} à 9 h 30, Centre alpha, salle 3. Message : Venez avec une pièce d’identité.`
      )
      const mail = await mailbox.latestTo(email)
      assert.isNotNull(mail, email)
      assert.equal(mail!.subject, 'Invitation à une réunion d’information')
      assert.include(mail!.text!, `Quand : le ${day.long} à 9 h 30.`)
      assert.include(mail!.text!, 'Venez avec une pièce d’identité.')
      assert.lengthOf(mail!.to, 1)
    }
  })

  test('one foreign id and nothing is written, nobody emailed', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const mine = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const foreign = await reachableApplicant(other.cohort, 'Durand', 'screening')

    const response = await postForm(client, bulkUrl(own.cohort.id), own.users.coordinator, {
      ids: [mine.application.id, foreign.application.id],
      date: parisDay(10).iso,
      start_time: '09:30',
      location: 'Salle 3',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Certaines candidatures cochées ne sont pas dans cette promotion. Aucune invitation n’est envoyée.'
    )
    for (const { application, email } of [mine, foreign]) {
      await application.refresh()
      assert.equal(application.status, 'screening')
      assert.lengthOf(await changesOf(application), 0)
      assert.isNull(await mailbox.latestTo(email))
    }
  })

  test('one application that cannot be invited and none is', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const fine = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const later = await reachableApplicant(own.cohort, 'Durand', 'interview')

    const response = await postForm(client, bulkUrl(own.cohort.id), own.users.coordinator, {
      ids: [fine.application.id, later.application.id],
      date: parisDay(10).iso,
      start_time: '09:30',
      location: 'Salle 3',
    })
    response.assertFlashMessage(
      'error',
      'Aucune invitation n’est envoyée. Cette candidature ne peut pas passer à « Réunion d’information » : Camille Durand (« Entretien »). Décochez-la, puis recommencez.'
    )
    for (const { application, email } of [fine, later]) {
      const before = application.status
      await application.refresh()
      assert.equal(application.status, before)
      assert.lengthOf(await changesOf(application), 0)
      assert.isNull(await mailbox.latestTo(email))
    }
  })

  test('nothing ticked gets a message', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { application } = await reachableApplicant(own.cohort, 'Martin', 'screening')
    const response = await postForm(client, bulkUrl(own.cohort.id), own.users.coordinator, {
      date: parisDay(10).iso,
      start_time: '09:30',
      location: 'Salle 3',
    })
    response.assertFlashMessage('inputErrorsBag', {
      ids: ['Cochez au moins une candidature à inviter.'],
    })
    assert.lengthOf(await changesOf(application), 0)
    assert.isNotNull(await Application.find(application.id))
  })
})
