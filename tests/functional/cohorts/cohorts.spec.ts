import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Cohort from '#models/cohort'
import Funder from '#models/funder'
import ClassSession from '#models/class_session'
import { buildWorld, removePastSession } from '#tests/helpers/world'
import { EnrollmentFactory } from '#database/factories/enrollment_factory'
import { cohortForm, cohortRows } from '#tests/functional/cohorts/helpers'

test.group('Cohorts: list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("lists the organisation's cohorts only, with enrolled / capacity and status", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client.get('/coordination/promotions').loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Promotion alpha')
    assert.include(html, 'Programme alpha')
    assert.include(html, 'Centre alpha (Rouen)')
    assert.include(html, '1 / 15')
    assert.include(html, 'badge--running')
    assert.include(html, 'En cours')
    assert.notInclude(html, 'Promotion beta')
  })

  test('filters by status', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await Cohort.create({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion prévue',
      startsOn: DateTime.fromISO('2027-01-04'),
      endsOn: DateTime.fromISO('2027-04-02'),
      capacity: 12,
      status: 'planned',
    })

    const planned = await client
      .get('/coordination/promotions?statut=planned')
      .loginAs(own.users.admin)
    planned.assertStatus(200)
    assert.include(planned.text(), 'Promotion prévue')
    assert.notInclude(planned.text(), 'Promotion alpha')

    const completed = await client
      .get('/coordination/promotions?statut=completed')
      .loginAs(own.users.coordinator)
    assert.include(completed.text(), 'Aucune promotion « Terminée ».')

    const unknown = await client
      .get('/coordination/promotions?statut=nimporte')
      .loginAs(own.users.coordinator)
    assert.include(unknown.text(), 'Promotion prévue')
    assert.include(unknown.text(), 'Promotion alpha')
  })
})

test.group('Cohorts: create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the form offers the organisation's programmes, sites, coordinators and every funder", async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .get('/coordination/promotions/nouvelle')
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Programme alpha')
    assert.include(html, 'Centre alpha')
    assert.include(html, 'coordinator alpha')
    assert.include(html, 'admin alpha')
    assert.notInclude(html, 'trainer alpha')
    assert.notInclude(html, 'Programme beta')
    assert.notInclude(html, 'Centre beta')
    // Funders span organisations.
    assert.include(html, 'Financeur alpha')
    assert.include(html, 'Financeur beta')
  })

  test('creates a planned cohort with its funders and places', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const response = await client
      .post('/coordination/promotions')
      .form(
        cohortForm(own, {
          funders: [
            { funderId: String(own.funder.id), placesFunded: '10' },
            { funderId: String(other.funder.id), placesFunded: '12' },
            { funderId: '', placesFunded: '' },
          ],
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    const cohort = await Cohort.query()
      .where('name', 'Digit’Elles Rouen automne')
      .preload('funders', (funders) => funders.orderBy('funders.id'))
      .firstOrFail()
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/promotions/${cohort.id}`)
    assert.equal(cohort.organizationId, own.organization.id)
    assert.equal(cohort.status, 'planned')
    assert.equal(cohort.capacity, 12)
    assert.isTrue(cohort.esfCofinanced)
    assert.equal(cohort.startsOn.toISODate(), '2026-09-07')
    assert.equal(cohort.endsOn.toISODate(), '2026-12-04')
    assert.equal(cohort.coordinatorId, own.users.coordinator.id)
    assert.deepEqual(
      cohort.funders.map((funder) => [funder.id, funder.$extras.pivot_places_funded]),
      [
        [own.funder.id, 10],
        [other.funder.id, 12],
      ]
    )
    const pivots = await db.from('cohort_funders').where('cohort_id', cohort.id)
    assert.isTrue(pivots.every((row) => row.organization_id === own.organization.id))
  })

  test('an admin may create one too, with no funder and without the ESF flag', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const form = cohortForm(own, { funders: [{ funderId: '', placesFunded: '' }] })
    delete form.esfCofinanced
    await client
      .post('/coordination/promotions')
      .form(form)
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)

    const cohort = await Cohort.query()
      .where('name', 'Digit’Elles Rouen automne')
      .preload('funders')
      .firstOrFail()
    assert.isFalse(cohort.esfCofinanced)
    assert.lengthOf(cohort.funders, 0)
  })

  const badInputs: {
    label: string
    form: (side: Awaited<ReturnType<typeof buildWorld>>) => Record<string, unknown>
    errors: Record<string, string>
  }[] = [
    {
      label: 'an end date before the start',
      form: ({ own }) => cohortForm(own, { startsOn: '2026-12-04', endsOn: '2026-09-07' }),
      errors: { endsOn: 'La date « date de fin » doit être après « date de début ».' },
    },
    {
      label: 'an end date on the start day',
      form: ({ own }) => cohortForm(own, { endsOn: '2026-09-07' }),
      errors: { endsOn: 'La date « date de fin » doit être après « date de début ».' },
    },
    {
      label: 'a capacity of 0',
      form: ({ own }) => cohortForm(own, { capacity: '0' }),
      errors: { capacity: 'Le champ « nombre de places » doit être entre 1 et 500.' },
    },
    {
      label: 'missing fields',
      form: () => ({
        name: '',
        programmeId: '',
        siteId: '',
        coordinatorId: '',
        startsOn: '',
        endsOn: '',
        capacity: '',
      }),
      errors: {
        name: 'Le champ « nom » est obligatoire.',
        programmeId: 'Le champ « programme » est obligatoire.',
        siteId: 'Le champ « lieu de formation » est obligatoire.',
        coordinatorId: 'Le champ « coordinateur ou coordinatrice » est obligatoire.',
        startsOn: 'Le champ « date de début » est obligatoire.',
        endsOn: 'Le champ « date de fin » est obligatoire.',
        capacity: 'Le champ « nombre de places » est obligatoire.',
      },
    },
    {
      label: "another organisation's programme, site and coordinator",
      form: ({ own, other }) =>
        cohortForm(own, {
          programmeId: other.programme.id,
          siteId: other.site.id,
          coordinatorId: other.users.coordinator.id,
        }),
      errors: {
        programmeId: 'La valeur choisie pour « programme » n’existe pas.',
        siteId: 'La valeur choisie pour « lieu de formation » n’existe pas.',
        coordinatorId: 'La valeur choisie pour « coordinateur ou coordinatrice » n’existe pas.',
      },
    },
    {
      label: 'unknown programme, site and coordinator',
      form: ({ own }) =>
        cohortForm(own, { programmeId: '999999', siteId: '999999', coordinatorId: '999999' }),
      errors: {
        programmeId: 'La valeur choisie pour « programme » n’existe pas.',
        siteId: 'La valeur choisie pour « lieu de formation » n’existe pas.',
        coordinatorId: 'La valeur choisie pour « coordinateur ou coordinatrice » n’existe pas.',
      },
    },
    {
      label: 'a trainer as coordinator',
      form: ({ own }) => cohortForm(own, { coordinatorId: own.users.trainer.id }),
      errors: {
        coordinatorId: 'La valeur choisie pour « coordinateur ou coordinatrice » n’existe pas.',
      },
    },
    {
      label: 'an unknown funder',
      form: ({ own }) => cohortForm(own, { funders: [{ funderId: '999999', placesFunded: '3' }] }),
      errors: { 'funders.0.funderId': 'La valeur choisie pour « financeur » n’existe pas.' },
    },
    {
      label: 'negative places',
      form: ({ own }) =>
        cohortForm(own, { funders: [{ funderId: String(own.funder.id), placesFunded: '-2' }] }),
      errors: { 'funders.0.placesFunded': 'Le champ « places financées » doit être au moins 1.' },
    },
    {
      label: 'more places than the cohort has',
      form: ({ own }) =>
        cohortForm(own, { funders: [{ funderId: String(own.funder.id), placesFunded: '13' }] }),
      errors: {
        'funders.0.placesFunded':
          'Les places financées ne peuvent pas dépasser le nombre de places de la promotion (12).',
      },
    },
    {
      label: 'places without a funder, a funder without places',
      form: ({ own, other }) =>
        cohortForm(own, {
          funders: [
            { funderId: '', placesFunded: '4' },
            { funderId: String(other.funder.id), placesFunded: '' },
          ],
        }),
      errors: {
        'funders.0.funderId': 'Le champ « financeur » est obligatoire.',
        'funders.1.placesFunded': 'Le champ « places financées » est obligatoire.',
      },
    },
    {
      label: 'the same funder twice',
      form: ({ own }) =>
        cohortForm(own, {
          funders: [
            { funderId: String(own.funder.id), placesFunded: '4' },
            { funderId: String(own.funder.id), placesFunded: '5' },
          ],
        }),
      errors: { 'funders.1.funderId': 'Ce financeur est déjà choisi sur une autre ligne.' },
    },
  ]

  for (const bad of badInputs) {
    test(`refuses ${bad.label} with a French message, saving nothing`, async ({
      client,
      assert,
    }) => {
      const world = await buildWorld()
      const before = await cohortRows()
      const response = await client
        .post('/coordination/promotions')
        .form(bad.form(world))
        .withCsrfToken()
        .loginAs(world.own.users.coordinator)
        .redirects(0)

      response.assertStatus(302)
      const flashed = response.flashMessages().inputErrorsBag as Record<string, string[]>
      for (const [field, message] of Object.entries(bad.errors)) {
        assert.deepEqual(flashed[field], [message], field)
      }
      assert.deepEqual(await cohortRows(), before)
    })
  }

  test('the form shows the errors and what was typed after a refusal', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .post('/coordination/promotions')
      .header('referer', '/coordination/promotions/nouvelle')
      .form(
        cohortForm(own, {
          funders: [{ funderId: String(own.funder.id), placesFunded: '13' }],
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Les places financées ne peuvent pas dépasser')
    assert.include(html, 'href="#field-funders-0-placesFunded"')
    assert.match(html, /name="funders\[0\]\[placesFunded\]"\s+value="13"/)
    assert.include(html, 'value="Digit’Elles Rouen automne"')
    assert.match(html, new RegExp(`<option value="${own.funder.id}" selected>`))
  })
})

test.group('Cohorts: page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows details, funders and places, enrolled trainees and a link to the schedule', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}`)
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<h1>Promotion alpha</h1>')
    assert.include(html, 'Programme alpha (400 h)')
    assert.include(html, 'Centre alpha, Rouen')
    assert.include(html, 'coordinator alpha')
    assert.include(html, '1 sur 15 places')
    assert.include(html, 'Financeur alpha')
    assert.match(html, /data-label="Places financées">10</)
    assert.include(html, '1 séance prévue.')
    assert.include(html, `href="/coordination/promotions/${own.cohort.id}/planning"`)
    // A running cohort can be completed or cancelled.
    assert.include(html, 'Clôturer la promotion')
    assert.include(html, 'Annuler la promotion')
    assert.notInclude(html, 'Ouvrir le recrutement')
  })

  test("another organisation's cohort is not found, on every route", async ({ client }) => {
    const { own, other } = await buildWorld()
    const id = other.cohort.id
    const user = own.users.coordinator
    const responses = [
      await client.get(`/coordination/promotions/${id}`).loginAs(user),
      await client.get(`/coordination/promotions/${id}/modifier`).loginAs(user),
      await client
        .put(`/coordination/promotions/${id}`)
        .form(cohortForm(own))
        .withCsrfToken()
        .loginAs(user),
      await client
        .post(`/coordination/promotions/${id}/statut`)
        .form({ status: 'completed' })
        .withCsrfToken()
        .loginAs(user),
    ]
    for (const response of responses) response.assertStatus(404)
    await other.cohort.refresh()
    if (other.cohort.status !== 'running' || other.cohort.name !== 'Promotion beta') {
      throw new Error('the other organisation’s cohort changed')
    }
  })

  test('an unknown cohort is not found', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client.get('/coordination/promotions/999999').loginAs(own.users.admin)
    response.assertStatus(404)
  })
})

test.group('Cohorts: edit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form is filled with the cohort and its funders', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/modifier`)
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'value="Promotion alpha"')
    assert.include(html, `value="${own.cohort.startsOn.toISODate()}"`)
    assert.match(html, /name="capacity"\s+value="15"/)
    assert.match(html, /name="funders\[0\]\[placesFunded\]"\s+value="10"/)
    assert.include(html, `?_method=PUT`)
  })

  test('saves the details and replaces the funders', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    const response = await client
      .put(`/coordination/promotions/${own.cohort.id}`)
      .form(
        cohortForm(own, {
          name: 'Promotion alpha renommée',
          capacity: '16',
          coordinatorId: own.users.admin.id,
          funders: [{ funderId: String(other.funder.id), placesFunded: '6' }],
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/coordination/promotions/${own.cohort.id}`)
    response.assertFlashMessage('success', 'La promotion est enregistrée.')
    await own.cohort.refresh()
    await own.cohort.load('funders')
    assert.equal(own.cohort.name, 'Promotion alpha renommée')
    assert.equal(own.cohort.capacity, 16)
    assert.equal(own.cohort.status, 'running')
    assert.equal(own.cohort.coordinatorId, own.users.admin.id)
    assert.deepEqual(
      own.cohort.funders.map((funder) => [funder.id, funder.$extras.pivot_places_funded]),
      [[other.funder.id, 6]]
    )
  })

  test('a refused edit changes nothing, funders included', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const extra = await Funder.create({
      name: 'France Travail',
      slug: 'ft',
      kind: 'france_travail',
    })
    const response = await client
      .put(`/coordination/promotions/${own.cohort.id}`)
      .form(
        cohortForm(own, {
          name: 'Ne doit pas être enregistré',
          funders: [
            { funderId: String(extra.id), placesFunded: '3' },
            { funderId: '999999', placesFunded: '3' },
          ],
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertFlashMessage('inputErrorsBag', {
      'funders.1.funderId': ['La valeur choisie pour « financeur » n’existe pas.'],
    })
    await own.cohort.refresh()
    await own.cohort.load('funders')
    assert.equal(own.cohort.name, 'Promotion alpha')
    assert.deepEqual(
      own.cohort.funders.map((funder) => [funder.id, funder.$extras.pivot_places_funded]),
      [[own.funder.id, 10]]
    )
  })

  test('the capacity cannot go below the trainees enrolled (dropped out aside)', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const put = () =>
      client
        .put(`/coordination/promotions/${own.cohort.id}`)
        .form(cohortForm(own, { capacity: '1', funders: [] }))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)

    const second = await EnrollmentFactory.merge({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
    }).create()
    const refused = await put()
    refused.assertFlashMessage('inputErrorsBag', {
      capacity: [
        'Le nombre de places ne peut pas être inférieur au nombre de stagiaires inscrits (2).',
      ],
    })
    await own.cohort.refresh()
    assert.equal(own.cohort.capacity, 15)

    second.status = 'dropped_out'
    await second.save()
    const accepted = await put()
    assert.isUndefined(accepted.flashMessages().inputErrorsBag)
    await own.cohort.refresh()
    assert.equal(own.cohort.capacity, 1)
  })

  test('the programme cannot change once the cohort has sessions', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const another = await own.organization.related('programmes').create({
      title: 'Autre programme',
      slug: 'autre-programme',
      totalHours: 300,
      certificationKind: 'none',
      status: 'ready',
    })

    const refused = await client
      .put(`/coordination/promotions/${own.cohort.id}`)
      .form(cohortForm(own, { programmeId: another.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    refused.assertFlashMessage('inputErrorsBag', {
      programmeId: [
        'Le programme ne peut plus changer : la promotion a déjà des séances dans son planning.',
      ],
    })

    await ClassSession.query().where('cohort_id', own.cohort.id).delete()
    const accepted = await client
      .put(`/coordination/promotions/${own.cohort.id}`)
      .form(cohortForm(own, { programmeId: another.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    assert.isUndefined(accepted.flashMessages().inputErrorsBag)
    await own.cohort.refresh()
    assert.equal(own.cohort.programmeId, another.id)
  })

  test('an archived programme cannot be chosen for a new cohort', async ({ client }) => {
    const { own } = await buildWorld()
    own.programme.status = 'archived'
    await own.programme.save()
    const response = await client
      .post('/coordination/promotions')
      .form(cohortForm(own))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      programmeId: ['La valeur choisie pour « programme » n’existe pas.'],
    })
  })
})
