import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import Application from '#models/application'
import ApplicationStatusChange from '#models/application_status_change'
import Enrollment from '#models/enrollment'
import LoginToken from '#models/login_token'
import Trainee from '#models/trainee'
import User from '#models/user'
import AdmitApplication from '#actions/applications/admit_application'
import MoveApplication from '#actions/applications/move_application'
import mailbox from '#services/mailbox'
import { nowInParis } from '#services/sql_time'
import { buildWorld, type Side } from '#tests/helpers/world'
import { applicant } from '#tests/functional/applications/helpers'

/**
 * An applicant with an address of their own, so that reading the shared
 * test mailbox finds only this test's messages.
 */
async function newcomer(
  side: Side,
  status: Application['status'],
  extra: Partial<Application> = {}
) {
  const application = await applicant(side.cohort, 'Martin', status, extra)
  const trainee = await Trainee.findOrFail(application.traineeId)
  trainee.email = `camille.${randomUUID()}@exemple.test`
  await trainee.save()
  return { application, trainee, email: trainee.email }
}

function admit(client: ApiClient, application: Application, user: User, form: object = {}) {
  return client
    .post(`/coordination/candidatures/${application.id}/admission`)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

async function countUsers() {
  const [row] = await User.query().count('* as total')
  return Number(row.$extras.total)
}

const changesOf = (application: Application) =>
  ApplicationStatusChange.query().where('application_id', application.id).orderBy('id')

async function fill(side: Side, count: number, status: Enrollment['status'] = 'enrolled') {
  for (let i = 0; i < count; i++) {
    const { trainee } = await newcomer(side, 'admitted')
    await Enrollment.create({
      organizationId: side.organization.id,
      cohortId: side.cohort.id,
      traineeId: trainee.id,
      status,
      startsOn: side.cohort.startsOn,
    })
  }
}

test.group('Admission: a place in the cohort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('admitting enrolls, records the step, creates the account and sends the welcome email whose link lands on the planning', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, trainee, email } = await newcomer(own, 'interview', {
      eligible: true,
      eligibility: { result: 'eligible', reasons: [] },
    })

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Promotion alpha : 1 place prise sur 15.')
    page.assertTextIncludes('Admettre dans la promotion')
    page.assertTextIncludes(`crée son compte : un e-mail de bienvenue part à ${email}`)
    assert.notInclude(page.text(), 'Admettre malgré l’inéligibilité')

    const response = await admit(client, application, own.users.coordinator, {
      admission_note: '  Très motivée, dossier complet.  ',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/candidatures/${application.id}`)
    response.assertFlashMessage(
      'success',
      `Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 15). Compte créé : l’e-mail de bienvenue part à ${email}.`
    )

    await application.refresh()
    assert.equal(application.status, 'admitted')
    const enrollment = await Enrollment.query()
      .where('cohort_id', own.cohort.id)
      .where('trainee_id', trainee.id)
      .firstOrFail()
    assert.equal(enrollment.status, 'enrolled')
    assert.equal(enrollment.organizationId, own.organization.id)
    // The cohort started two weeks ago: the newcomer starts today.
    assert.equal(enrollment.startsOn.toISODate(), nowInParis().toISODate())
    assert.equal(enrollment.endsOn!.toISODate(), own.cohort.endsOn.toISODate())

    const [change] = await changesOf(application)
    assert.equal(change.fromStatus, 'interview')
    assert.equal(change.toStatus, 'admitted')
    assert.equal(change.changedById, own.users.coordinator.id)
    assert.equal(change.note, 'Très motivée, dossier complet.')

    await trainee.refresh()
    const account = await User.findOrFail(trainee.userId)
    assert.equal(account.role, 'trainee')
    assert.equal(account.email, email)
    assert.equal(account.fullName, trainee.fullName)
    assert.equal(account.organizationId, own.organization.id)
    assert.isNull(account.password)

    const token = await LoginToken.query().where('user_id', account.id).firstOrFail()
    assert.equal(token.kind, 'welcome')
    assert.isAbove(
      token.expiresAt.toMillis(),
      DateTime.now().plus({ days: 6, hours: 23 }).toMillis()
    )

    const welcome = await mailbox.latestTo(email)
    assert.isNotNull(welcome)
    assert.equal(welcome!.subject, 'Bienvenue dans votre formation')
    for (const body of [welcome!.html!, welcome!.text!]) {
      assert.include(body, 'Promotion alpha')
      assert.include(body, 'Programme alpha')
      assert.include(body, 'Centre alpha')
      assert.include(body, nowInParis().setLocale('fr').toFormat('d LLLL yyyy'))
      assert.include(body, 'pendant 7 jours')
    }
    const link = welcome!.text!.match(/https?:\/\/\S+(\/connexion\/lien\/[\w-]+)/)
    assert.isNotNull(link, 'the welcome email holds a sign-in link')
    const path = link![1]

    const confirm = await client.get(path)
    confirm.assertStatus(200)
    confirm.assertTextIncludes('Me connecter')

    const signedIn = await client.post(path).withCsrfToken().redirects(0)
    signedIn.assertStatus(302)
    signedIn.assertHeader('location', '/mon-planning')

    signedIn.assertSession('auth_web', account.id)
    // The next request of the same browser: the session the link opened.
    const planning = await client.get('/mon-planning').withSession(signedIn.session()).redirects(0)
    planning.assertStatus(200)
    planning.assertTextIncludes('Numérique alpha')

    const page2 = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page2.assertTextIncludes('Promotion alpha : 2 places prises sur 15.')
    page2.assertTextIncludes('Candidature admise.')
    page2.assertTextIncludes('Entretien → Admise')
    assert.notInclude(page2.text(), 'Admettre dans la promotion')
  })

  test('the welcome link works once, and not once expired', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { application, email } = await newcomer(own, 'screening')
    await admit(client, application, own.users.admin)

    const welcome = await mailbox.latestTo(email)
    const path = welcome!.text!.match(/(\/connexion\/lien\/[\w-]+)/)![1]
    const first = await client.post(path).withCsrfToken().redirects(0)
    first.assertHeader('location', '/mon-planning')

    const again = await client.post(path).withCsrfToken().redirects(0)
    again.assertHeader('location', '/connexion/lien')
    again.assertFlashMessage('error', 'Ce lien ne marche plus. Demandez un nouveau lien.')
    const page = await client.get(path)
    page.assertTextIncludes('Ce lien ne marche plus')

    // A second admission's link, read too late.
    const other = await newcomer(own, 'screening')
    await admit(client, other.application, own.users.admin)
    const late = (await mailbox.latestTo(other.email))!.text!.match(
      /(\/connexion\/lien\/[\w-]+)/
    )![1]
    const user = await User.findByOrFail('email', other.email)
    await LoginToken.query()
      .where('user_id', user.id)
      .update({ expires_at: DateTime.now().minus({ minutes: 1 }).toFormat('yyyy-MM-dd HH:mm:ss') })
    const expired = await client.get(late)
    expired.assertTextIncludes('Ce lien ne marche plus')
    const refused = await client.post(late).withCsrfToken().redirects(0)
    refused.assertHeader('location', '/connexion/lien')
    const unused = await LoginToken.query().where('user_id', user.id).firstOrFail()
    assert.isNull(unused.usedAt)
  })

  test('dropped-out people free their place', async ({ client, assert }) => {
    const { own } = await buildWorld()
    own.cohort.capacity = 2
    await own.cohort.save()
    await fill(own, 1, 'dropped_out')
    const { application, trainee } = await newcomer(own, 'interview')

    const response = await admit(client, application, own.users.coordinator)
    response.assertFlashMessage(
      'success',
      `Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 2). Compte créé : l’e-mail de bienvenue part à ${trainee.email}.`
    )
    await application.refresh()
    assert.equal(application.status, 'admitted')
  })
})

test.group('Admission: a full cohort', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a full cohort puts the application on the waiting list, with a clear message and nothing else', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.cohort.capacity = 2
    await own.cohort.save()
    await fill(own, 1)
    await fill(own, 1, 'dropped_out')
    const { application, trainee } = await newcomer(own, 'interview')
    const users = await countUsers()

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('2 places prises sur 2')
    page.assertTextIncludes('La promotion est complète : la candidature ira en liste d’attente.')

    const response = await admit(client, application, own.users.coordinator, {
      admission_note: 'À rappeler si une place se libère.',
    })
    response.assertStatus(302)
    response.assertFlashMessage(
      'warning',
      'La promotion est complète (2 places sur 2) : la candidature est placée en liste d’attente.'
    )

    await application.refresh()
    assert.equal(application.status, 'waitlisted')
    const [change] = await changesOf(application)
    assert.equal(change.fromStatus, 'interview')
    assert.equal(change.toStatus, 'waitlisted')
    assert.equal(change.changedById, own.users.coordinator.id)
    assert.equal(
      change.note,
      'Promotion complète (2 places sur 2) : placée en liste d’attente au lieu d’être admise. À rappeler si une place se libère.'
    )
    assert.isNull(await Enrollment.query().where('trainee_id', trainee.id).first())
    await trainee.refresh()
    assert.isNull(trainee.userId)
    // The waiting list's own decision email, not a welcome.
    const decision = await mailbox.latestTo(trainee.email!)
    assert.isNotNull(decision)
    assert.notEqual(decision!.subject, 'Bienvenue dans votre formation')
    assert.equal(await countUsers(), users)

    // Still full: it stays on the waiting list, no second line.
    const again = await admit(client, application, own.users.coordinator)
    again.assertFlashMessage(
      'warning',
      'La promotion est complète (2 places sur 2) : la candidature reste en liste d’attente.'
    )
    assert.lengthOf(await changesOf(application), 1)

    // A place frees up: the waiting list can be admitted.
    await Enrollment.query()
      .where('cohort_id', own.cohort.id)
      .where('trainee_id', own.trainee.id)
      .update({ status: 'dropped_out' })
    const admitted = await admit(client, application, own.users.coordinator)
    admitted.assertFlashMessage(
      'success',
      `Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 2). Compte créé : l’e-mail de bienvenue part à ${trainee.email}.`
    )
    const changes = await changesOf(application)
    assert.equal(changes[1].fromStatus, 'waitlisted')
    assert.equal(changes[1].toStatus, 'admitted')
  })
})

test.group('Admission: refusals and special cases', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an ineligible applicant is admitted only with the explicit override, and it is written down', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, trainee } = await newcomer(own, 'interview', {
      eligible: false,
      eligibility: { result: 'ineligible', reasons: ['âge : 17 ans, minimum 18'] },
    })

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Admettre malgré l’inéligibilité')

    const refused = await admit(client, application, own.users.coordinator)
    refused.assertFlashMessage(
      'error',
      'Cette personne n’est pas éligible (âge : 17 ans, minimum 18). Pour l’admettre quand même, cochez « Admettre malgré l’inéligibilité ».'
    )
    await application.refresh()
    assert.equal(application.status, 'interview')
    assert.lengthOf(await changesOf(application), 0)
    assert.isNull(await Enrollment.query().where('trainee_id', trainee.id).first())
    await trainee.refresh()
    assert.isNull(trainee.userId)

    const admitted = await admit(client, application, own.users.coordinator, {
      override_ineligibility: '1',
      admission_note: 'Majeure à la rentrée.',
    })
    admitted.assertFlashMessage(
      'success',
      `Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 15). Compte créé : l’e-mail de bienvenue part à ${trainee.email}.`
    )
    await application.refresh()
    assert.equal(application.status, 'admitted')
    const [change] = await changesOf(application)
    assert.equal(
      change.note,
      'Admise malgré l’inéligibilité (âge : 17 ans, minimum 18). Majeure à la rentrée.'
    )
  })

  test('without an email the person is admitted, with no account, and the coordinator is told why', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, trainee } = await newcomer(own, 'screening')
    trainee.email = null
    await trainee.save()

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Elle n’a pas d’adresse e-mail : aucun compte ne sera créé.')

    const response = await admit(client, application, own.users.coordinator)
    response.assertFlashMessage(
      'success',
      'Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 15).'
    )
    response.assertFlashMessage(
      'warning',
      'Aucun compte n’a pu être créé : la personne n’a pas d’adresse e-mail. Elle ne reçoit donc pas d’e-mail de bienvenue.'
    )
    await application.refresh()
    assert.equal(application.status, 'admitted')
    assert.isNotNull(await Enrollment.query().where('trainee_id', trainee.id).first())
    await trainee.refresh()
    assert.isNull(trainee.userId)
  })

  test('an email already used by another account is refused and nothing is written', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    for (const taken of [own.users.trainer.email, other.users.trainee.email]) {
      const { application, trainee } = await newcomer(own, 'interview')
      trainee.email = taken.toUpperCase()
      await trainee.save()

      const response = await admit(client, application, own.users.coordinator)
      response.assertFlashMessage(
        'error',
        `L’adresse e-mail ${taken} est déjà celle d’un autre compte Cohorte. Rien n’a été enregistré : corrigez l’adresse de la personne, ou demandez à un administrateur.`
      )
      await application.refresh()
      assert.equal(application.status, 'interview')
      assert.lengthOf(await changesOf(application), 0)
      assert.isNull(await Enrollment.query().where('trainee_id', trainee.id).first())
      await trainee.refresh()
      assert.isNull(trainee.userId)
    }
  })

  test('a trainee account of the organisation with that email and no trainee record is linked', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, trainee, email } = await newcomer(own, 'interview')
    const account = await User.create({
      organizationId: own.organization.id,
      fullName: 'Camille M.',
      email,
      password: null,
      role: 'trainee',
    })
    const users = await countUsers()

    const response = await admit(client, application, own.users.coordinator)
    response.assertFlashMessage(
      'success',
      `Candidature admise : inscription dans « Promotion alpha » enregistrée (2 places prises sur 15). Compte existant rattaché : l’e-mail de bienvenue part à ${email}.`
    )
    await trainee.refresh()
    assert.equal(trainee.userId, account.id)
    assert.equal(await countUsers(), users)
    assert.equal((await mailbox.latestTo(email))!.subject, 'Bienvenue dans votre formation')
  })

  test('admission waits for the answer to “Personne déjà connue ?”', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { application } = await newcomer(own, 'interview', {
      duplicateOfTraineeId: own.trainee.id,
    })

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Avant d’admettre, dites si cette personne est déjà connue')
    assert.notInclude(page.text(), 'Admettre dans la promotion')

    const response = await admit(client, application, own.users.coordinator)
    response.assertFlashMessage(
      'error',
      'Cette personne est peut-être déjà connue : dites d’abord si c’est la même personne (encadré « Personne déjà connue ? »).'
    )
    await application.refresh()
    assert.equal(application.status, 'interview')
    assert.lengthOf(await changesOf(application), 0)
  })

  test('closed applications, people already enrolled and finished cohorts are refused', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const rejected = await newcomer(own, 'rejected')
    const refused = await admit(client, rejected.application, own.users.coordinator)
    refused.assertFlashMessage(
      'error',
      'La candidature est « Refusée » : elle ne peut pas être admise.'
    )

    // buildWorld()'s trainee is already enrolled, and applied at screening.
    const enrolled = await admit(client, own.application, own.users.coordinator)
    enrolled.assertFlashMessage(
      'error',
      'Cette personne a déjà une inscription dans cette promotion.'
    )

    const open = await newcomer(own, 'interview')
    own.cohort.status = 'completed'
    await own.cohort.save()
    const over = await admit(client, open.application, own.users.coordinator)
    over.assertFlashMessage(
      'error',
      'Cette promotion est terminée ou annulée : elle n’accueille plus personne.'
    )
    for (const application of [rejected.application, own.application, open.application]) {
      assert.lengthOf(await changesOf(application), 0)
    }
  })

  test('an application never checked is checked before admission', async ({ client, assert }) => {
    const { own } = await buildWorld()
    own.programme.eligibilityRules = { minAge: 30 }
    await own.programme.save()
    const { application, trainee } = await newcomer(own, 'interview')
    trainee.birthDate = DateTime.now().minus({ years: 20 })
    await trainee.save()

    const response = await admit(client, application, own.users.coordinator)
    response.assertFlashMessage(
      'error',
      'Cette personne n’est pas éligible (âge : 19 ans, minimum 30). Pour l’admettre quand même, cochez « Admettre malgré l’inéligibilité ».'
    )
    await application.refresh()
    assert.equal(application.status, 'interview')
    // The refusal writes nothing, not even the check.
    assert.isNull(application.eligibility)
  })

  test('bad input and another organisation’s application write nothing', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const theirs = await newcomer(other, 'interview')
    const response = await admit(client, theirs.application, own.users.coordinator)
    response.assertStatus(404)
    await theirs.application.refresh()
    assert.equal(theirs.application.status, 'interview')
    assert.isNull(await Enrollment.query().where('trainee_id', theirs.trainee.id).first())

    const mine = await newcomer(own, 'interview')
    const long = await admit(client, mine.application, own.users.coordinator, {
      admission_note: 'x'.repeat(1001),
    })
    long.assertStatus(302)
    long.assertFlashMessage('inputErrorsBag', {
      admission_note: ['Le champ « note d’admission » doit avoir au plus 1000 caractères.'],
    })
    await mine.application.refresh()
    assert.equal(mine.application.status, 'interview')
  })

  test('admission is never a plain move', async ({ assert }) => {
    const { own } = await buildWorld()
    const { application } = await newcomer(own, 'interview')
    const result = await new MoveApplication().handle({
      application,
      to: 'admitted',
      user: own.users.coordinator,
    })
    assert.isFalse(result.moved)
    await application.refresh()
    assert.equal(application.status, 'interview')
  })
})

/**
 * Empties every table but the migrations' (db:truncate trips over the
 * foreign keys on SQLite).
 */
async function emptyEveryTable() {
  const connection = db.connection()
  const postgres = connection.dialect.name === 'postgres'
  const all = await connection.getAllTables(['public'])
  const tables = all.filter((table) => !table.startsWith('adonis_schema'))
  if (postgres) {
    await connection.rawQuery(`TRUNCATE ${tables.map((table) => `"${table}"`).join(', ')} CASCADE`)
    return
  }
  await connection.rawQuery('PRAGMA foreign_keys = OFF')
  for (const table of tables) await connection.from(table).delete()
  await connection.rawQuery('PRAGMA foreign_keys = ON')
}

test.group('Admission: two coordinators at once', (group) => {
  // Real, committed transactions running side by side (no global
  // transaction): every table is emptied after the test.
  group.each.setup(() => emptyEveryTable)

  test('two admissions for the last place cannot overfill the cohort', async ({ assert }) => {
    const { own } = await buildWorld()
    own.cohort.capacity = 2
    await own.cohort.save()
    const first = await newcomer(own, 'interview')
    const second = await newcomer(own, 'interview')

    const results = await Promise.all(
      [first, second].map(({ application }) =>
        new AdmitApplication().handle({ application, user: own.users.coordinator })
      )
    )
    assert.sameMembers(
      results.map((result) => result.outcome),
      ['admitted', 'waitlisted']
    )
    const taken = await Enrollment.query()
      .where('cohort_id', own.cohort.id)
      .whereNot('status', 'dropped_out')
      .count('* as total')
    assert.equal(Number(taken[0].$extras.total), 2)
    const statuses = await Application.query()
      .whereIn('id', [first.application.id, second.application.id])
      .select('status')
    assert.sameMembers(
      statuses.map((row) => row.status),
      ['admitted', 'waitlisted']
    )
  })
})
