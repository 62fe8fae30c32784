import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import Trainee from '#models/trainee'
import Application from '#models/application'
import Cohort from '#models/cohort'
import ApplicationReceivedNotification from '#mails/application_received_notification'
import { APPLICATIONS_PER_HOUR } from '#controllers/public/applications_controller'
import { buildWorld } from '#tests/helpers/world'
import {
  applicationForm,
  countRows,
  openRecruiting,
  yearsAgo,
} from '#tests/functional/apply/helpers'

test.group('Apply: recruiting cohorts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the recruiting cohorts of every organisation, without an account', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await openRecruiting(own)
    await openRecruiting(other)
    await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion prévue',
      startsOn: own.cohort.startsOn,
      endsOn: own.cohort.endsOn,
      capacity: 12,
      status: 'planned',
    })

    const response = await client.get('/candidater')
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Promotion alpha')
    assert.include(html, 'Promotion beta')
    assert.include(html, 'Programme alpha')
    assert.include(html, 'Centre alpha (Rouen)')
    assert.include(html, own.cohort.startsOn.toFormat('dd/LL/yyyy'))
    assert.include(html, `/candidater/${own.cohort.id}`)
    assert.include(html, 'Je candidate')
    assert.notInclude(html, 'Promotion prévue')
  })

  test('shows the form for a recruiting cohort, 404 for any other status', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const running = await client.get(`/candidater/${own.cohort.id}`)
    running.assertStatus(404)

    await openRecruiting(own)
    const response = await client.get(`/candidater/${own.cohort.id}`)
    response.assertStatus(200)
    const html = response.text()
    for (const text of [
      'Prénom',
      'Date de naissance',
      'CAP ou BEP',
      'Bac +2 (BTS, DUT)',
      'Avez-vous une reconnaissance de handicap (RQTH) ?',
      'Je préfère ne pas répondre',
      '/confidentialite',
      "name='_csrf'",
    ]) {
      assert.include(html, text)
    }
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1)

    for (const status of ['planned', 'completed', 'cancelled'] as const) {
      own.cohort.status = status
      await own.cohort.save()
      const form = await client.get(`/candidater/${own.cohort.id}`)
      form.assertStatus(404)
      const thanks = await client.get(`/candidater/${own.cohort.id}/merci`)
      thanks.assertStatus(404)
    }
    const unknown = await client.get('/candidater/999999')
    unknown.assertStatus(404)
  })
})

test.group('Apply: submitting', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())

  test('a valid application creates one trainee, one application, one history line and one email', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    const before = await countRows()

    const response = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ email: 'Awa.Diallo@Exemple.test' }))
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/candidater/${own.cohort.id}/merci`)

    const after = await countRows()
    assert.deepEqual(after, {
      trainees: before.trainees + 1,
      applications: before.applications + 1,
      changes: before.changes + 1,
    })

    const trainee = await Trainee.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(trainee.organizationId, own.organization.id)
    assert.equal(trainee.fullName, 'Awa Diallo')
    assert.equal(trainee.email, 'awa.diallo@exemple.test')
    assert.equal(trainee.phone, '0612345678')
    assert.equal(trainee.birthDate!.toISODate(), '1990-03-21')
    assert.equal(trainee.sex, 'female')
    assert.equal(trainee.postalCode, '76000')
    assert.equal(trainee.qualificationLevel, 3)
    assert.isTrue(trainee.jobSeeker)
    assert.equal(trainee.jobSeekerSince!.toISODate(), '2025-09-01')
    assert.equal(trainee.franceTravailId, '1234567A')
    assert.equal(trainee.prescriber, 'Mme Martin')
    assert.isFalse(trainee.qpv)
    assert.isFalse(trainee.zrr)
    assert.equal(trainee.rqth, 'undisclosed')
    assert.isNull(trainee.rqthConsentAt)
    assert.isNull(trainee.userId)

    const application = await Application.query()
      .where('trainee_id', trainee.id)
      .preload('statusChanges')
      .firstOrFail()
    assert.equal(application.cohortId, own.cohort.id)
    assert.equal(application.organizationId, own.organization.id)
    assert.equal(application.status, 'submitted')
    assert.equal(application.source, 'mission_locale')
    assert.equal(application.motivation, 'Je veux apprendre le numérique.')
    assert.equal(application.availability, 'Tous les jours sauf le mercredi après-midi')
    assert.isNotNull(application.rgpdConsentAt)
    assert.isNotNull(application.lastContactAt)
    assert.isNull(application.duplicateOfTraineeId)
    assert.lengthOf(application.statusChanges, 1)
    assert.isNull(application.statusChanges[0].fromStatus)
    assert.equal(application.statusChanges[0].toStatus, 'submitted')
    assert.isNull(application.statusChanges[0].changedById)

    mails.assertQueuedCount(1)
    mails.assertQueued(ApplicationReceivedNotification, (notification) => {
      notification.message.assertTo('awa.diallo@exemple.test')
      notification.message.assertSubject('Votre candidature est bien reçue')
      notification.message.assertHtmlIncludes('dans les 10 jours')
      return true
    })

    const thanks = await client.get(`/candidater/${own.cohort.id}/merci`)
    thanks.assertStatus(200)
    thanks.assertTextIncludes('Merci, votre candidature est bien reçue.')
    thanks.assertTextIncludes('Nous vous appelons ou vous écrivons dans les 10 jours.')
  })

  test('RQTH "oui" is kept with its consent, and refused without it', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    const before = await countRows()

    const refused = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ rqth: 'yes' }))
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      rqth_consent: [
        'Cochez la case pour accepter que cette information soit utilisée, ou choisissez « Je préfère ne pas répondre ».',
      ],
    })
    assert.deepEqual(await countRows(), before)

    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ rqth: 'yes', rqth_consent: '1' }))
      .withCsrfToken()
      .redirects(0)
    const trainee = await Trainee.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(trainee.rqth, 'yes')
    assert.isNotNull(trainee.rqthConsentAt)
  })

  test('"non" to RQTH is kept without consent; a stray consent box changes nothing', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ rqth: 'no', rqth_consent: '1' }))
      .withCsrfToken()
      .redirects(0)
    const trainee = await Trainee.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(trainee.rqth, 'no')
    assert.isNull(trainee.rqthConsentAt)
  })

  test('HTML typed in a field is stored as typed and never echoed raw', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    const motivation = '<script>alert("x")</script><b>motivée</b>'
    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ motivation, first_name: '<i>Awa</i>' }))
      .withCsrfToken()
      .redirects(0)
    const application = await Application.query().orderBy('id', 'desc').firstOrFail()
    assert.equal(application.motivation, motivation)

    const thanks = await client.get(`/candidater/${own.cohort.id}/merci`)
    assert.notInclude(thanks.text(), '<script>alert')
    assert.notInclude(thanks.text(), '<i>Awa</i>')

    // Sent back to the form with an error, the text is shown escaped.
    const invalid = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ motivation, phone: '12' }))
      .withCsrfToken()
    assert.notInclude(invalid.text(), '<script>alert')
    assert.include(invalid.text(), '&lt;script&gt;')
  })

  test('a request without the CSRF token is refused and writes nothing', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    const before = await countRows()
    const response = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm())
      .redirects(0)
    response.assertHeader('location', `/candidater/${own.cohort.id}`)
    response.assertFlashMessage('errorsBag', {
      E_BAD_CSRF_TOKEN: 'La page a expiré. Rechargez la page, puis recommencez.',
    })
    assert.deepEqual(await countRows(), before)
    mails.assertNoneQueued()
  })

  test('a cohort that is not recruiting refuses applications (404)', async ({ client, assert }) => {
    mail.fake()
    const { own } = await buildWorld()
    const before = await countRows()
    const response = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm())
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.deepEqual(await countRows(), before)
  })

  test('one IP address may send a limited number of applications per hour', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    for (let index = 0; index < APPLICATIONS_PER_HOUR; index++) {
      const response = await client
        .post(`/candidater/${own.cohort.id}`)
        .header('referer', `/candidater/${own.cohort.id}`)
        .form(applicationForm({ email: `personne${index}@exemple.test`, last_name: `N${index}` }))
        .withCsrfToken()
        .redirects(0)
      response.assertHeader('location', `/candidater/${own.cohort.id}/merci`)
    }
    const before = await countRows()
    const blocked = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ email: 'une.de.trop@exemple.test' }))
      .withCsrfToken()
      .redirects(0)
    blocked.assertHeader('location', `/candidater/${own.cohort.id}`)
    blocked.assertFlashMessage(
      'error',
      'Trop de candidatures envoyées depuis cette connexion. Réessayez dans une heure.'
    )
    assert.deepEqual(await countRows(), before)
    mails.assertQueuedCount(APPLICATIONS_PER_HOUR)
  })

  test('mistakes do not count against the limit', async ({ client }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    for (let index = 0; index < APPLICATIONS_PER_HOUR + 2; index++) {
      await client
        .post(`/candidater/${own.cohort.id}`)
        .header('referer', `/candidater/${own.cohort.id}`)
        .form(applicationForm({ phone: 'abc' }))
        .withCsrfToken()
        .redirects(0)
    }
    const response = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm())
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/candidater/${own.cohort.id}/merci`)
  })
})

test.group('Apply: one person, one record', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())

  test('same email (any case): a new trainee, flagged as a possible duplicate, never merged', async ({
    client,
    assert,
  }) => {
    mail.fake()
    const { own, other } = await buildWorld()
    await openRecruiting(own)
    const before = await countRows()

    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ email: 'TRAINEE@alpha.test', first_name: 'Autre', last_name: 'Nom' }))
      .withCsrfToken()
      .redirects(0)

    const after = await countRows()
    assert.equal(after.trainees, before.trainees + 1)
    assert.equal(after.applications, before.applications + 1)
    const application = await Application.query().orderBy('id', 'desc').firstOrFail()
    assert.notEqual(application.traineeId, own.trainee.id)
    assert.equal(application.duplicateOfTraineeId, own.trainee.id)

    await own.trainee.refresh()
    assert.equal(own.trainee.firstName, 'Stagiaire', 'the known trainee is left as it was')
    assert.notEqual(application.duplicateOfTraineeId, other.trainee.id)
  })

  test('same first name, last name and birth date: flagged too', async ({ client, assert }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    const known = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Awa',
      lastName: 'Diallo',
      email: 'ancienne.adresse@exemple.test',
      birthDate: DateTime.fromISO('1990-03-21'),
    })

    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ first_name: 'awa', last_name: 'DIALLO' }))
      .withCsrfToken()
      .redirects(0)

    const application = await Application.query().orderBy('id', 'desc').firstOrFail()
    assert.notEqual(application.traineeId, known.id)
    assert.equal(application.duplicateOfTraineeId, known.id)
  })

  test('a person known in another organisation only is not flagged', async ({ client, assert }) => {
    mail.fake()
    const { own } = await buildWorld()
    await openRecruiting(own)
    await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ email: 'trainee@beta.test' }))
      .withCsrfToken()
      .redirects(0)
    const application = await Application.query().orderBy('id', 'desc').firstOrFail()
    assert.isNull(application.duplicateOfTraineeId)
  })
})

/**
 * Each bad answer: its French message on its field, and nothing written.
 */
const INVALID = [
  { field: 'first_name', value: '', message: 'Le champ « prénom » est obligatoire.' },
  { field: 'last_name', value: '   ', message: 'Le champ « nom » est obligatoire.' },
  {
    field: 'email',
    value: 'awa-at-exemple',
    message: 'Écrivez une adresse e-mail valide, par exemple : nom@exemple.fr.',
  },
  {
    field: 'phone',
    value: '06 12 34',
    message: 'Écrivez votre numéro de téléphone avec 10 chiffres, par exemple : 06 12 34 56 78.',
  },
  {
    field: 'birth_date',
    value: '31/02/1990',
    message: 'Écrivez votre date de naissance, par exemple : 21/03/1990.',
  },
  {
    field: 'birth_date',
    value: yearsAgo(0, -1),
    message: 'La date de naissance doit être dans le passé.',
  },
  {
    field: 'birth_date',
    value: yearsAgo(15),
    message: 'Vérifiez votre date de naissance : il faut avoir entre 16 et 80 ans.',
  },
  {
    field: 'birth_date',
    value: yearsAgo(81, 1),
    message: 'Vérifiez votre date de naissance : il faut avoir entre 16 et 80 ans.',
  },
  {
    field: 'sex',
    value: 'robot',
    message: 'Choisissez une valeur dans la liste pour « vous êtes ».',
  },
  { field: 'address_line', value: '', message: 'Le champ « adresse » est obligatoire.' },
  {
    field: 'postal_code',
    value: '7600',
    message: 'Écrivez un code postal de 5 chiffres, par exemple : 76000.',
  },
  { field: 'city', value: '', message: 'Le champ « ville » est obligatoire.' },
  {
    field: 'qualification_level',
    value: '8',
    message: 'Choisissez une valeur dans la liste pour « diplôme le plus haut ».',
  },
  {
    field: 'job_seeker',
    value: '',
    message: 'Le champ « inscrit à France Travail » est obligatoire.',
  },
  {
    field: 'job_seeker_since',
    value: '',
    message: 'Le champ « depuis quand » est obligatoire.',
  },
  {
    field: 'job_seeker_since',
    value: 'septembre',
    message: 'Écrivez le mois et l’année, par exemple : 09/2025.',
  },
  {
    field: 'job_seeker_since',
    value: '2099-01',
    message: 'Ce mois ne doit pas être dans le futur.',
  },
  {
    field: 'france_travail_id',
    value: '12',
    message: 'L’identifiant France Travail a 7 à 11 chiffres ou lettres, par exemple : 1234567A.',
  },
  {
    field: 'source',
    value: 'pigeon',
    message: 'Choisissez une valeur dans la liste pour « qui vous a parlé de cette formation ».',
  },
  { field: 'availability', value: '', message: 'Le champ « disponibilités » est obligatoire.' },
  { field: 'motivation', value: '', message: 'Le champ « motivation » est obligatoire.' },
  {
    field: 'rgpd_consent',
    value: undefined,
    message: 'Le champ « accord sur vos données » est obligatoire.',
  },
  {
    field: 'rqth',
    value: 'peut-être',
    message: 'Choisissez une valeur dans la liste pour « reconnaissance de handicap ».',
  },
]

test.group('Apply: bad answers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.teardown(() => mail.restore())

  test('{field} = "{value}" → {message}')
    .with(INVALID)
    .run(async ({ client, assert }, row) => {
      const { mails } = mail.fake()
      const { own } = await buildWorld()
      await openRecruiting(own)
      const before = await countRows()

      const form: Record<string, unknown> = applicationForm({ [row.field]: row.value })
      if (row.value === undefined) delete form[row.field]
      const response = await client
        .post(`/candidater/${own.cohort.id}`)
        .header('referer', `/candidater/${own.cohort.id}`)
        .form(form)
        .withCsrfToken()
        .redirects(0)

      response.assertHeader('location', `/candidater/${own.cohort.id}`)
      response.assertFlashMessage('inputErrorsBag', { [row.field]: [row.message] })
      assert.deepEqual(await countRows(), before)
      mails.assertNoneQueued()
    })

  test('the form shows the message next to its field and keeps the answers', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await openRecruiting(own)
    const response = await client
      .post(`/candidater/${own.cohort.id}`)
      .header('referer', `/candidater/${own.cohort.id}`)
      .form(applicationForm({ postal_code: '123' }))
      .withCsrfToken()
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Écrivez un code postal de 5 chiffres, par exemple : 76000.')
    assert.include(html, 'id="field-postal_code-error"')
    assert.include(html, 'value="Diallo"')
  })
})
