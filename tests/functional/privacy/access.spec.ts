import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEvent from '#models/audit_event'
import Outcome from '#models/outcome'
import { recordAudit } from '#services/audit'
import db from '@adonisjs/lucid/services/db'
import { buildWorld } from '#tests/helpers/world'
import { attachProof, rejectedApplicant } from '#tests/functional/privacy/fixtures'

const exportUrl = (id: number) => `/coordination/personnes/${id}/donnees.json`

test.group('Privacy | right of access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a coordinator downloads everything held about a trainee, and the download is audited', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    await own.trainee.merge({ phone: '0611223344', rqth: 'yes' }).save()
    await attachProof(own.attendance)
    await Outcome.create({
      organizationId: own.organization.id,
      enrollmentId: own.enrollment.id,
      checkpoint: 'exit',
      observedOn: own.cohort.startsOn,
      situation: 'training',
      source: 'declared',
    })
    await db.transaction((trx) =>
      recordAudit(trx, [
        {
          organizationId: own.organization.id,
          userId: own.users.trainer.id,
          action: 'attendance.updated',
          subjectType: 'attendance_records',
          subjectId: own.attendance.id,
          changes: { status: { from: 'present', to: 'absent' } },
        },
      ])
    )

    const page = await client
      .get(`/coordination/personnes/${own.trainee.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Télécharger les données de la personne (JSON)')
    page.assertTextIncludes(`href="/coordination/personnes/${own.trainee.id}/donnees.json"`)
    const parcours = await client
      .get(`/coordination/inscriptions/${own.enrollment.id}/parcours`)
      .loginAs(own.users.coordinator)
    parcours.assertTextIncludes(`href="/coordination/personnes/${own.trainee.id}"`)

    const response = await client.get(exportUrl(own.trainee.id)).loginAs(own.users.coordinator)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^application\/json/)
    assert.match(
      response.header('content-disposition') ?? '',
      new RegExp(
        `^attachment; filename="donnees-personnelles-${own.trainee.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`
      )
    )
    const file = JSON.parse(response.text())
    assert.include(file.identite, {
      firstName: 'Stagiaire',
      lastName: 'alpha',
      email: 'trainee@alpha.test',
      phone: '0611223344',
      rqth: 'yes',
    })
    assert.lengthOf(file.candidatures, 1)
    assert.equal(file.candidatures[0].promotion, 'Promotion alpha')
    assert.lengthOf(file.inscriptions, 1)
    assert.property(file.inscriptions[0].presence, 'attendedMinutes')
    assert.lengthOf(file.emargements, 1)
    assert.equal(file.emargements[0].status, 'absent')
    assert.isTrue(file.emargements[0].justificatif_depose)
    assert.notProperty(file.emargements[0], 'proofPath', 'no internal storage key')
    assert.lengthOf(file.stages, 1)
    assert.equal(file.stages[0].entreprise, 'Entreprise alpha')
    assert.lengthOf(file.situations_apres_formation, 1)
    assert.equal(file.situations_apres_formation[0].situation, 'training')
    const trail = file.journal.map((line: { action: string; qui: string }) => [
      line.action,
      line.qui,
    ])
    assert.deepInclude(trail, ['attendance.updated', 'trainer alpha'])
    // Nothing of the other organisation.
    assert.notInclude(response.text(), other.trainee.email!)

    const event = await AuditEvent.query()
      .where('action', 'trainee.exported')
      .where('subject_type', 'trainees')
      .where('subject_id', own.trainee.id)
      .firstOrFail()
    assert.equal(event.userId, own.users.coordinator.id)
    assert.equal(event.organizationId, own.organization.id)
  })

  test('an applicant never enrolled gets their applications and selection history', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { trainee } = await rejectedApplicant(own, 'Sarah')
    const response = await client.get(exportUrl(trainee.id)).loginAs(own.users.admin)
    response.assertStatus(200)
    const file = JSON.parse(response.text())
    assert.equal(file.identite.email, 'sarah@alpha.test')
    assert.lengthOf(file.candidatures, 1)
    assert.equal(file.candidatures[0].status, 'rejected')
    assert.equal(file.candidatures[0].motivation, 'Je veux apprendre le numérique.')
    assert.equal(file.candidatures[0].historique[0].note, 'Profil trop éloigné')
    assert.deepEqual(file.inscriptions, [])
    assert.deepEqual(file.emargements, [])
  })

  test('another organisation’s person is not found, other roles are refused, nothing is audited', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const foreign = await client.get(exportUrl(other.trainee.id)).loginAs(own.users.coordinator)
    foreign.assertStatus(404)
    const foreignPage = await client
      .get(`/coordination/personnes/${other.trainee.id}`)
      .loginAs(own.users.admin)
    foreignPage.assertStatus(404)
    const trainer = await client.get(exportUrl(own.trainee.id)).loginAs(own.users.trainer)
    trainer.assertStatus(403)
    const self = await client.get(exportUrl(own.trainee.id)).loginAs(own.users.trainee)
    self.assertStatus(403)
    const events = await AuditEvent.query().where('action', 'trainee.exported')
    assert.lengthOf(events, 0)
  })
})
