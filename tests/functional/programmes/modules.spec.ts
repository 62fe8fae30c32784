import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import ProgrammeModule from '#models/programme_module'
import { buildWorld, removePastSession } from '#tests/helpers/world'
import {
  curriculum,
  fieldErrors,
  moduleForm,
  programmeWithModules,
} from '#tests/functional/programmes/helpers'

const url = (name: string, params: Record<string, number> = {}) => router.makeUrl(name, params)

test.group('Programme modules: add', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the module form', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(url('coordinator.programmes.modules.create', { id: own.programme.id }))
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('<h1>Ajouter un module</h1>')
    response.assertTextIncludes('Heures prévues')
    response.assertTextIncludes('Stage en entreprise')
  })

  test('adds a module at the end; an internship takes place in a company by default', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [200, 180])
    const response = await client
      .post(url('coordinator.programmes.modules.store', { id: programme.id }))
      .form(moduleForm({ title: 'Stage', kind: 'internship', plannedHours: '17.5' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)

    response.assertHeader('location', url('coordinator.programmes.show', { id: programme.id }))
    response.assertFlashMessage('success', 'Le module « Stage » est ajouté.')
    const added = await ProgrammeModule.query()
      .where('programme_id', programme.id)
      .where('title', 'Stage')
      .firstOrFail()
    assert.equal(added.location, 'company')
    assert.equal(added.plannedHours, 17.5)
    assert.equal(added.organizationId, own.organization.id)
    assert.deepEqual(await curriculum(programme), ['1:Module 1', '2:Module 2', '3:Stage'])
  })

  test('adds a module at the position asked and renumbers the others', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { programme } = await programmeWithModules(own, [200, 180])
    await client
      .post(url('coordinator.programmes.modules.store', { id: programme.id }))
      .form(moduleForm({ title: 'Accueil', position: '1', location: 'centre' }))
      .withCsrfToken()
      .loginAs(own.users.admin)
      .redirects(0)
    assert.deepEqual(await curriculum(programme), ['1:Accueil', '2:Module 1', '3:Module 2'])
  })

  test('adding hours to a ready programme that then no longer adds up puts it back to draft', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .post(url('coordinator.programmes.modules.store', { id: own.programme.id }))
      .form(moduleForm())
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage(
      'warning',
      'Les heures des modules ne font plus le total du programme (Total des modules : 420 h sur 400 h — 20 h de trop) : le programme repasse en brouillon. Corrigez les heures puis marquez-le de nouveau prêt.'
    )
    await own.programme.refresh()
    assert.equal(own.programme.status, 'draft')
  })

  const badInputs: [string, Record<string, unknown>, string, string][] = [
    [
      'zero hours',
      { plannedHours: '0' },
      'plannedHours',
      'Le nombre d’heures doit être plus grand que 0.',
    ],
    [
      'negative hours',
      { plannedHours: '-3' },
      'plannedHours',
      'Le nombre d’heures doit être plus grand que 0.',
    ],
    [
      'hours with three decimals',
      { plannedHours: '7.125' },
      'plannedHours',
      'Écrivez un nombre d’heures avec au plus deux chiffres après la virgule.',
    ],
    [
      'missing hours',
      { plannedHours: '' },
      'plannedHours',
      'Le champ « heures prévues » est obligatoire.',
    ],
    [
      'an unknown kind',
      { kind: 'cooking' },
      'kind',
      'Choisissez une valeur dans la liste pour « type ».',
    ],
    [
      'an unknown location',
      { location: 'beach' },
      'location',
      'Choisissez une valeur dans la liste pour « lieu ».',
    ],
    [
      'a position of 0',
      { position: '0' },
      'position',
      'Le champ « position » doit être au moins 1.',
    ],
  ]

  for (const [what, overrides, field, message] of badInputs) {
    test(`refuses ${what} with a French message and adds nothing`, async ({ client, assert }) => {
      const { own } = await buildWorld()
      const response = await client
        .post(url('coordinator.programmes.modules.store', { id: own.programme.id }))
        .form(moduleForm(overrides))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)
      assert.deepEqual(fieldErrors(response)[field], [message])
      assert.deepEqual(await curriculum(own.programme), ['1:Numérique alpha'])
      await own.programme.refresh()
      assert.equal(own.programme.status, 'ready')
    })
  }
})

test.group('Programme modules: edit, delete, move', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the edit form filled with the module', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client
      .get(
        url('coordinator.programmes.modules.edit', {
          id: own.programme.id,
          moduleId: own.module.id,
        })
      )
      .loginAs(own.users.coordinator)
    response.assertStatus(200)
    response.assertTextIncludes('value="Numérique alpha"')
    response.assertTextIncludes('?_method=PUT')
  })

  test('updates a module and moves it to its new position', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { programme, modules } = await programmeWithModules(own, [100, 100, 200], {
      status: 'ready',
    })
    const response = await client
      .put(
        url('coordinator.programmes.modules.update', { id: programme.id, moduleId: modules[2].id })
      )
      .form(moduleForm({ title: 'Stage', kind: 'internship', plannedHours: '200', position: '1' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage('success', 'Le module « Stage » est enregistré.')
    response.assertFlashMissing('warning')
    assert.deepEqual(await curriculum(programme), ['1:Stage', '2:Module 1', '3:Module 2'])
    await modules[2].refresh()
    assert.equal(modules[2].location, 'company')
    await programme.refresh()
    assert.equal(programme.status, 'ready')
  })

  test('editing the hours of a ready programme so they no longer add up puts it back to draft', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const response = await client
      .put(
        url('coordinator.programmes.modules.update', {
          id: own.programme.id,
          moduleId: own.module.id,
        })
      )
      .form(moduleForm({ plannedHours: '380' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage(
      'warning',
      'Les heures des modules ne font plus le total du programme (Total des modules : 380 h sur 400 h — il manque 20 h) : le programme repasse en brouillon. Corrigez les heures puis marquez-le de nouveau prêt.'
    )
    await own.programme.refresh()
    assert.equal(own.programme.status, 'draft')
  })

  test('a refused module update changes nothing', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const response = await client
      .put(
        url('coordinator.programmes.modules.update', {
          id: own.programme.id,
          moduleId: own.module.id,
        })
      )
      .form(moduleForm({ plannedHours: '-1', title: 'Changé' }))
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    assert.property(fieldErrors(response), 'plannedHours')
    await own.module.refresh()
    assert.equal(own.module.title, 'Numérique alpha')
    assert.equal(own.module.plannedHours, 400)
  })

  test('deletes a module without sessions and renumbers the others', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { programme, modules } = await programmeWithModules(own, [100, 100, 200], {
      status: 'ready',
    })
    const response = await client
      .delete(
        url('coordinator.programmes.modules.destroy', { id: programme.id, moduleId: modules[0].id })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage('success', 'Le module « Module 1 » est supprimé.')
    response.assertFlashMessage(
      'warning',
      'Les heures des modules ne font plus le total du programme (Total des modules : 300 h sur 400 h — il manque 100 h) : le programme repasse en brouillon. Corrigez les heures puis marquez-le de nouveau prêt.'
    )
    assert.deepEqual(await curriculum(programme), ['1:Module 2', '2:Module 3'])
    await programme.refresh()
    assert.equal(programme.status, 'draft')
  })

  test('refuses to delete a module that already has sessions', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await removePastSession(own)
    const response = await client
      .delete(
        url('coordinator.programmes.modules.destroy', {
          id: own.programme.id,
          moduleId: own.module.id,
        })
      )
      .withCsrfToken()
      .loginAs(own.users.coordinator)
      .redirects(0)
    response.assertFlashMessage(
      'error',
      'Le module « Numérique alpha » ne peut pas être supprimé : 1 séance(s) sont planifiées pour lui. Modifiez plutôt ses heures.'
    )
    assert.deepEqual(await curriculum(own.programme), ['1:Numérique alpha'])
  })

  test('moves a module up and down, and nowhere past either end', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const { programme, modules } = await programmeWithModules(own, [100, 100, 200])
    const move = (name: string, moduleId: number) =>
      client
        .post(url(name, { id: programme.id, moduleId }))
        .withCsrfToken()
        .loginAs(own.users.coordinator)
        .redirects(0)

    await move('coordinator.programmes.modules.move_up', modules[2].id)
    assert.deepEqual(await curriculum(programme), ['1:Module 1', '2:Module 3', '3:Module 2'])
    await move('coordinator.programmes.modules.move_down', modules[0].id)
    assert.deepEqual(await curriculum(programme), ['1:Module 3', '2:Module 1', '3:Module 2'])
    const atTop = await move('coordinator.programmes.modules.move_up', modules[2].id)
    atTop.assertFlashMessage('success', 'Le module « Module 3 » est déjà au bout de la liste.')
    assert.deepEqual(await curriculum(programme), ['1:Module 3', '2:Module 1', '3:Module 2'])
  })

  test('another organisation’s programme or module is not found on every module route', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const { programme: ownProgramme } = await programmeWithModules(own, [100])
    const theirs = { id: other.programme.id, moduleId: other.module.id }
    // own programme, but a module of another programme (of the other organisation)
    const mixed = { id: ownProgramme.id, moduleId: other.module.id }
    const visits = [
      client.get(url('coordinator.programmes.modules.create', { id: theirs.id })),
      client
        .post(url('coordinator.programmes.modules.store', { id: theirs.id }))
        .form(moduleForm())
        .withCsrfToken(),
    ]
    for (const params of [theirs, mixed, { id: ownProgramme.id, moduleId: own.module.id }]) {
      visits.push(
        client.get(url('coordinator.programmes.modules.edit', params)),
        client
          .put(url('coordinator.programmes.modules.update', params))
          .form(moduleForm())
          .withCsrfToken(),
        client.delete(url('coordinator.programmes.modules.destroy', params)).withCsrfToken(),
        client.post(url('coordinator.programmes.modules.move_up', params)).withCsrfToken(),
        client.post(url('coordinator.programmes.modules.move_down', params)).withCsrfToken()
      )
    }
    for (const visit of visits) {
      const response = await visit.loginAs(own.users.coordinator).redirects(0)
      response.assertStatus(404)
    }
    assert.deepEqual(await curriculum(other.programme), ['1:Numérique beta'])
    assert.deepEqual(await curriculum(own.programme), ['1:Numérique alpha'])
  })
})
