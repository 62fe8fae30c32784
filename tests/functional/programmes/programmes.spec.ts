import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import Programme from '#models/programme'
import { buildWorld } from '#tests/helpers/world'
import {
  fieldErrors,
  programmeForm,
  programmeWithModules,
} from '#tests/functional/programmes/helpers'

const url = (name: string, params: Record<string, number> = {}) => router.makeUrl(name, params)

test.group('Programmes: list and create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the organisation’s programmes with their hours and status, not the other’s', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await programmeWithModules(own, [200, 180])

    const response = await client
      .get(url('coordinator.programmes.index'))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('<h1>Programmes</h1>')
    response.assertTextIncludes('Programme alpha')
    response.assertTextIncludes('Parcours test')
    response.assertTextIncludes('380 h')
    response.assertTextIncludes('(ne fait pas le total)')
    response.assertTextIncludes('badge--draft')
    response.assertTextIncludes('Brouillon')
    response.assertTextIncludes('Prêt')
    assert.notInclude(response.text(), other.programme.title)
  })

  test('shows the creation form with its labelled fields', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client.get(url('coordinator.programmes.create')).loginAs(own.users.admin)
    response.assertStatus(200)
    for (const label of [
      'Titre',
      'Nombre total d’heures',
      'Formacode',
      'Objectif BPF',
      'Fin de validité du label',
      'Âge minimum au début de la promotion',
      'Part de femmes (%)',
    ]) {
      response.assertTextIncludes(label)
    }
  })

  test('creates a draft programme with its codes, eligibility rules and target ratios', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(url('coordinator.programmes.store'))
      .form(programmeForm())
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    const programme = await Programme.query()
      .where('organization_id', own.organization.id)
      .where('title', 'Digit’Elles Rouen')
      .firstOrFail()
    response.assertStatus(302)
    response.assertHeader('location', url('coordinator.programmes.show', { id: programme.id }))
    assert.equal(programme.status, 'draft')
    assert.equal(programme.slug, 'digitelles-rouen')
    assert.equal(programme.totalHours, 400)
    assert.equal(programme.certificationCode, 'RNCP37674')
    assert.equal(programme.certificationLevel, 3)
    assert.equal(programme.nsfCode, '326t')
    assert.equal(programme.bpfObjective, 'rncp_level_3')
    assert.equal(programme.genLabelValidFrom?.toISODate(), '2025-01-01')
    assert.equal(programme.genLabelValidUntil?.toISODate(), '2027-12-31')
    assert.deepEqual(programme.eligibilityRules, {
      sexes: ['female'],
      minAge: 18,
      maxAge: 64,
      maxQualificationLevel: 4,
      jobSeekerRequired: true,
      departments: ['76', '27', '14'],
    })
    assert.deepEqual(programme.targetRatios, {
      women: 1,
      qpv: 0.3,
      qualificationLevel4OrLess: 0.8,
      jobSeekers: 0.7,
    })
  })

  test('a programme without certification keeps no code nor level; a second one gets its own slug', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    for (let i = 0; i < 2; i++) {
      await client
        .post(url('coordinator.programmes.store'))
        .form(
          programmeForm({
            certificationKind: 'none',
            certificationLevel: '',
            genLabelId: '',
            genLabelValidFrom: '',
            genLabelValidUntil: '',
            eligibleSex: '',
            departments: '',
            jobSeekerRequired: undefined,
          })
        )
        .withCsrfToken()
        .loginAs(own.users.admin)
        .redirects(0)
    }
    const created = await Programme.query()
      .where('organization_id', own.organization.id)
      .where('title', 'Digit’Elles Rouen')
      .orderBy('id')
    assert.deepEqual(
      created.map((programme) => programme.slug),
      ['digitelles-rouen', 'digitelles-rouen-2']
    )
    assert.isNull(created[0].certificationCode)
    assert.isNull(created[0].certificationLevel)
    assert.isNull(created[0].genLabelValidFrom)
    assert.deepEqual(created[0].eligibilityRules, {
      minAge: 18,
      maxAge: 64,
      maxQualificationLevel: 4,
    })
  })

  const badInputs: [string, Record<string, unknown>, string, string][] = [
    [
      'GEN validity ending before it starts',
      { genLabelValidFrom: '2026-06-01', genLabelValidUntil: '2026-01-01' },
      'genLabelValidUntil',
      'La date « fin de validité du label » doit être après « début de validité du label ».',
    ],
    [
      'zero total hours',
      { totalHours: '0' },
      'totalHours',
      'Le nombre d’heures doit être plus grand que 0.',
    ],
    [
      'negative total hours',
      { totalHours: '-400' },
      'totalHours',
      'Le nombre d’heures doit être plus grand que 0.',
    ],
    [
      'total hours that are not a number',
      { totalHours: 'quatre cents' },
      'totalHours',
      'Le champ « nombre total d’heures » doit être un nombre.',
    ],
    [
      'a minimum age above the maximum age',
      { minAge: '30', maxAge: '25' },
      'maxAge',
      'L’âge maximum doit être égal ou supérieur à l’âge minimum.',
    ],
    [
      'an unknown certification kind',
      { certificationKind: 'diploma' },
      'certificationKind',
      'Choisissez une valeur dans la liste pour « certification ».',
    ],
    [
      'an unknown BPF objective',
      { bpfObjective: 'leisure' },
      'bpfObjective',
      'Choisissez une valeur dans la liste pour « objectif BPF ».',
    ],
    [
      'an unknown eligible sex',
      { eligibleSex: 'robots' },
      'eligibleSex',
      'Choisissez une valeur dans la liste pour « public ».',
    ],
    [
      'an RNCP certification without code',
      { certificationCode: '' },
      'certificationCode',
      'Le champ « code de la certification » est obligatoire.',
    ],
    [
      'an RNCP certification with an RS code',
      { certificationCode: 'RS5890' },
      'certificationCode',
      'Écrivez un code RNCP, par exemple : RNCP37674.',
    ],
    [
      'an RNCP certification without level',
      { certificationLevel: '' },
      'certificationLevel',
      'Le champ « niveau de la certification » est obligatoire.',
    ],
    [
      'a malformed Formacode',
      { formacode: '7033' },
      'formacode',
      'Le champ « Formacode » n’a pas le bon format.',
    ],
    [
      'an unknown department',
      { departments: '76, 99' },
      'departments',
      'Écrivez des numéros de département séparés par des virgules, par exemple : 76, 27, 14.',
    ],
    [
      'a share above 100 %',
      { targetWomen: '120' },
      'targetWomen',
      'Le champ « part de femmes » doit être entre 0 et 100.',
    ],
    ['an empty title', { title: '' }, 'title', 'Le champ « titre » est obligatoire.'],
    [
      'a title of spaces',
      { title: '   ' },
      'title',
      'Le champ « titre » doit avoir au moins 3 caractères.',
    ],
  ]

  for (const [what, overrides, field, message] of badInputs) {
    test(`refuses ${what} with a French message on the field and saves nothing`, async ({
      client,
      assert,
    }) => {
      const { own } = await buildWorld()
      const before = await Programme.query().count('* as total').firstOrFail()
      const response = await client
        .post(url('coordinator.programmes.store'))
        .form(programmeForm(overrides))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)

      response.assertStatus(302)
      assert.deepEqual(fieldErrors(response)[field], [message])
      const after = await Programme.query().count('* as total').firstOrFail()
      assert.equal(Number(after.$extras.total), Number(before.$extras.total))
    })
  }

  test('shows the field error next to the field when the form comes back', async ({ client }) => {
    const { own } = await buildWorld()
    const refused = await client
      .post(url('coordinator.programmes.store'))
      .form(programmeForm({ totalHours: '0' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    const response = await client
      .get(url('coordinator.programmes.create'))
      .withFlashMessages(refused.flashMessages())
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Le formulaire contient des erreurs')
    response.assertTextIncludes('id="field-totalHours-error"')
    response.assertTextIncludes('value="Digit’Elles Rouen"')
  })
})

test.group('Programmes: page, edit, mark ready', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the modules in order with the running total against the programme’s total', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { programme, modules } = await programmeWithModules(own, [200, 180])
    modules[1].merge({ kind: 'internship', location: 'company', title: 'Stage' })
    await modules[1].save()

    const response = await client
      .get(url('coordinator.programmes.show', { id: programme.id }))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertTextIncludes('Total des modules : 380 h sur 400 h — il manque 20 h')
    response.assertTextIncludes('Stage en entreprise')
    response.assertTextIncludes('En entreprise')
    response.assertTextIncludes('Marquer le programme prêt')
    const text = response.text()
    assert.isBelow(text.indexOf('Module 1'), text.indexOf('>Stage<'))
  })

  test('says when the modules have too many hours and when the count is right', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [200, 217.5])
    const tooMany = await client
      .get(url('coordinator.programmes.show', { id: programme.id }))
      .loginAs(own.users.coordinator)
    tooMany.assertTextIncludes('Total des modules : 417,5 h sur 400 h — 17,5 h de trop')

    const right = await client
      .get(url('coordinator.programmes.show', { id: own.programme.id }))
      .loginAs(own.users.coordinator)
    right.assertTextIncludes('Total des modules : 400 h sur 400 h — le compte est bon')
  })

  test('fills the edit form with the stored values, percentages from 0 to 100', async ({
    client,
  }) => {
    const { own } = await buildWorld()
    own.programme.merge({
      targetRatios: { women: 0.3 },
      eligibilityRules: { departments: ['76', '27'], minAge: 18 },
    })
    await own.programme.save()
    const response = await client
      .get(url('coordinator.programmes.edit', { id: own.programme.id }))
      .loginAs(own.users.admin)
    response.assertStatus(200)
    response.assertTextIncludes('name="targetWomen"\nvalue="30"')
    response.assertTextIncludes('value="76, 27"')
    response.assertTextIncludes('?_method=PUT')
  })

  test('updates a programme and keeps the rules the form does not edit', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.programme.merge({
      eligibilityRules: { minAge: 16, prescriberRequired: true },
      targetRatios: { women: 0.5, youngLowQualifiedNeet: 0.5 },
    })
    await own.programme.save()

    const response = await client
      .put(url('coordinator.programmes.update', { id: own.programme.id }))
      .form(programmeForm({ totalHours: '400', targetWomen: '', eligibleSex: '' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('success', 'Le programme est enregistré.')
    response.assertFlashMissing('warning')
    await own.programme.refresh()
    assert.equal(own.programme.title, 'Digit’Elles Rouen')
    assert.equal(own.programme.status, 'ready')
    assert.equal(own.programme.eligibilityRules?.prescriberRequired, true)
    assert.equal(own.programme.eligibilityRules?.minAge, 18)
    assert.notProperty(own.programme.eligibilityRules, 'sexes')
    assert.deepEqual(own.programme.targetRatios, {
      youngLowQualifiedNeet: 0.5,
      qpv: 0.3,
      qualificationLevel4OrLess: 0.8,
      jobSeekers: 0.7,
    })
  })

  test('changing the total of a ready programme so its modules no longer add up puts it back to draft', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .put(url('coordinator.programmes.update', { id: own.programme.id }))
      .form(programmeForm({ totalHours: '420' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertFlashMessage(
      'warning',
      'Les heures des modules ne font plus le total du programme (Total des modules : 400 h sur 420 h — il manque 20 h) : le programme repasse en brouillon. Corrigez les heures puis marquez-le de nouveau prêt.'
    )
    await own.programme.refresh()
    assert.equal(own.programme.totalHours, 420)
    assert.equal(own.programme.status, 'draft')
  })

  test('a refused update changes nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .put(url('coordinator.programmes.update', { id: own.programme.id }))
      .form(programmeForm({ totalHours: '420', minAge: '40', maxAge: '30' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    assert.property(fieldErrors(response), 'maxAge')
    await own.programme.refresh()
    assert.equal(own.programme.title, 'Programme alpha')
    assert.equal(own.programme.totalHours, 400)
    assert.equal(own.programme.status, 'ready')
  })

  test('refuses to mark a programme ready while its modules’ hours differ from its total', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [200, 180])
    const response = await client
      .post(url('coordinator.programmes.mark_ready', { id: programme.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertHeader('location', url('coordinator.programmes.show', { id: programme.id }))
    response.assertFlashMessage(
      'error',
      'Le programme ne peut pas être prêt : les heures des modules doivent faire le total du programme. Total des modules : 380 h sur 400 h — il manque 20 h.'
    )
    await programme.refresh()
    assert.equal(programme.status, 'draft')
  })

  test('refuses to mark ready a programme without modules', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [])
    const response = await client
      .post(url('coordinator.programmes.mark_ready', { id: programme.id }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage(
      'error',
      'Le programme ne peut pas être prêt : il n’a encore aucun module.'
    )
    await programme.refresh()
    assert.equal(programme.status, 'draft')
  })

  test('marks a programme ready when its modules add up to its total', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [200.25, 199.75])
    const response = await client
      .post(url('coordinator.programmes.mark_ready', { id: programme.id }))
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)
    response.assertFlashMessage(
      'success',
      'Le programme est prêt : vous pouvez ouvrir des promotions.'
    )
    await programme.refresh()
    assert.equal(programme.status, 'ready')
  })

  test('another organisation’s programme is not found on every programme route', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const id = other.programme.id
    const visits = [
      client.get(url('coordinator.programmes.show', { id })),
      client.get(url('coordinator.programmes.edit', { id })),
      client
        .put(url('coordinator.programmes.update', { id }))
        .form(programmeForm())
        .withCsrfToken(),
      client.post(url('coordinator.programmes.mark_ready', { id })).withCsrfToken(),
    ]
    for (const visit of visits) {
      const response = await visit.loginAs(own.users.coordinator).redirects(0)
      response.assertStatus(404)
    }
    await other.programme.refresh()
    assert.equal(other.programme.title, 'Programme beta')
  })

  test('trainers, trainees and funders may not see programmes', async ({ client }) => {
    const { own } = await buildWorld()
    for (const role of ['trainer', 'trainee', 'funder'] as const) {
      const response = await client
        .get(url('coordinator.programmes.index'))
        .loginAs(own.users[role])
        .redirects(0)
      response.assertStatus(403)
    }
  })
})
