import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld } from '#tests/helpers/world'
import { readPdf } from '#tests/functional/attendance/absences_helpers'
import { endedInternship } from '#tests/functional/evaluations/evaluation_helpers'

test.group('Tutor evaluation | blank paper form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a PDF with the same questions and boxes to tick', async ({ client, route, assert }) => {
    const world = await buildWorld()
    const { internship } = await endedInternship(world.own, 1)

    const response = await client
      .get(route('coordinator.tutor_evaluations.blank_form', { id: internship.id }))
      .loginAs(world.own.users.coordinator)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    assert.include(response.header('content-disposition'), 'evaluation-stage-stagiaire-alpha.pdf')

    const pdf = await readPdf(response.body())
    assert.equal(pdf.numpages, 1)
    for (const expected of [
      'Évaluation du stage par le tuteur',
      `Stagiaire : ${world.own.trainee.fullName}`,
      `Entreprise : ${world.own.company.name}`,
      'Tuteur ou tutrice : Marc Lefèvre',
      'Assiduité',
      'Ponctualité',
      'Autonomie',
      'Compétences numériques',
      'Très satisfaisant',
      'Embaucheriez-vous ce ou cette stagiaire ?',
      'Contrat de professionnalisation',
      'Signature',
    ]) {
      assert.include(pdf.text, expected)
    }
  })

  test('refused to other roles and to another organisation', async ({ client, route }) => {
    const world = await buildWorld()
    const url = route('coordinator.tutor_evaluations.blank_form', { id: world.own.internship.id })
    const trainer = await client.get(url).loginAs(world.own.users.trainer)
    trainer.assertStatus(403)
    const other = await client.get(url).loginAs(world.other.users.coordinator)
    other.assertStatus(404)
  })
})
