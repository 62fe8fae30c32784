import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import mail from '@adonisjs/mail/services/main'
import type { ApiClient } from '@japa/api-client'
import Application from '#models/application'
import AuditEvent from '#models/audit_event'
import Trainee from '#models/trainee'
import type User from '#models/user'
import { ApplicationFactory } from '#database/factories/application_factory'
import { CohortFactory } from '#database/factories/cohort_factory'
import { buildWorld, type Side } from '#tests/helpers/world'
import { applicationForm, openRecruiting } from '#tests/functional/apply/helpers'

/**
 * The world's trainee ("Stagiaire alpha", trainee@alpha.test, enrolled,
 * with an account) applies again through the public form: the form flags
 * the new application as possibly theirs.
 */
async function applyAgain(client: ApiClient, side: Side, overrides: Record<string, unknown> = {}) {
  await openRecruiting(side)
  await client
    .post(`/candidater/${side.cohort.id}`)
    .form(
      applicationForm({
        first_name: 'Stagiaire',
        last_name: 'alpha',
        email: 'Trainee@Alpha.test',
        phone: '07 11 22 33 44',
        address_line: '3 place du Vieux-Marché',
        qualification_level: '4',
        ...overrides,
      })
    )
    .withCsrfToken()
    .redirects(0)
  const application = await Application.query()
    .where('cohort_id', side.cohort.id)
    .orderBy('id', 'desc')
    .firstOrFail()
  return { application, provisional: await Trainee.findOrFail(application.traineeId) }
}

function decide(
  client: ApiClient,
  application: Application,
  user: User,
  decision: 'rattacher' | 'ecarter',
  form: object
) {
  return client
    .post(`/coordination/candidatures/${application.id}/doublon/${decision}`)
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

const auditOf = (application: Application) =>
  AuditEvent.query().where('subject_type', 'applications').where('subject_id', application.id)

async function countTrainees() {
  const [row] = await Trainee.query().count('* as total')
  return Number(row.$extras.total)
}

test.group('Duplicates: “Personne déjà connue ?”', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.each.setup(() => {
    mail.fake()
  })
  group.each.teardown(() => mail.restore())

  test('the page shows who the known person is, with their applications and enrollments', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, provisional } = await applyAgain(client, own)
    assert.equal(application.duplicateOfTraineeId, own.trainee.id)
    assert.notEqual(provisional.id, own.trainee.id)

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Personne déjà connue ?')
    page.assertTextIncludes('<strong>Stagiaire alpha</strong>')
    page.assertTextIncludes('trainee@alpha.test')
    // Their earlier application and their enrollment, with the cohort name.
    page.assertTextIncludes('Promotion alpha : Étude du dossier')
    page.assertTextIncludes('Promotion alpha : En formation')
    page.assertTextIncludes('07 11 22 33 44'.replace(/ /g, '') + ' (différent)')
    page.assertTextIncludes('C’est la même personne : rattacher')
    page.assertTextIncludes('Ce n’est pas la même personne')
    page.assertTextIncludes(`name="known_trainee_id" value="${own.trainee.id}"`)

    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    const rows = list.text().split('<tr>')
    const flagged = rows.filter((row) => row.includes('Personne déjà connue ?'))
    assert.lengthOf(flagged, 1)
    assert.include(flagged[0], `/coordination/candidatures/${application.id}"`)
  })

  test('confirming joins the records in one go: applications moved, facts refreshed, no orphan, decision shown', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, provisional } = await applyAgain(client, own, {
      rqth: 'yes',
      rqth_consent: '1',
    })
    // Another application of the same provisional record (another cohort).
    const otherCohort = await CohortFactory.merge({
      organizationId: own.organization.id,
      programmeId: own.programme.id,
      siteId: own.site.id,
      name: 'Promotion automne',
    }).create()
    const second = await ApplicationFactory.merge({
      organizationId: own.organization.id,
      cohortId: otherCohort.id,
      traineeId: provisional.id,
    }).create()
    const trainees = await countTrainees()

    const response = await decide(client, application, own.users.coordinator, 'rattacher', {
      known_trainee_id: own.trainee.id,
    })
    response.assertStatus(302)
    response.assertHeader('location', `/coordination/candidatures/${application.id}`)
    response.assertFlashMessage(
      'success',
      'C’est noté : la candidature est rattachée à Stagiaire alpha, déjà connue. Mis à jour avec cette candidature : téléphone, adresse, code postal, ville, niveau de diplôme, demandeur ou demandeuse d’emploi, inscription à France Travail depuis, identifiant France Travail, prescripteur, RQTH, date de naissance.'
    )

    await application.refresh()
    await second.refresh()
    assert.equal(application.traineeId, own.trainee.id)
    assert.isNull(application.duplicateOfTraineeId)
    assert.equal(second.traineeId, own.trainee.id)
    // Eligibility checked again on the known person.
    assert.equal(application.eligibility?.result, 'eligible')
    assert.isNull(await Trainee.find(provisional.id))
    assert.equal(await countTrainees(), trainees - 1)

    const known = await Trainee.findOrFail(own.trainee.id)
    assert.equal(known.firstName, 'Stagiaire')
    assert.equal(known.lastName, 'alpha')
    assert.equal(known.email, 'trainee@alpha.test')
    assert.equal(known.userId, own.users.trainee.id)
    assert.equal(known.phone, '0711223344')
    assert.equal(known.addressLine, '3 place du Vieux-Marché')
    assert.equal(known.postalCode, '76000')
    assert.equal(known.qualificationLevel, 4)
    assert.isTrue(known.jobSeeker)
    assert.equal(known.franceTravailId, '1234567A')
    assert.equal(known.rqth, 'yes')
    assert.isNotNull(known.rqthConsentAt)
    // Filled in: it was unknown.
    assert.equal(known.birthDate!.toISODate(), '1990-03-21')

    const [event] = await auditOf(application)
    assert.equal(event.action, 'application.duplicate_confirmed')
    assert.equal(event.userId, own.users.coordinator.id)
    assert.equal(event.organizationId, own.organization.id)
    assert.deepEqual(event.changes!.trainee_id, { from: provisional.id, to: own.trainee.id })
    assert.deepEqual(event.changes!.phone, { from: null, to: '0711223344' })
    // Health data is never copied into the trail.
    assert.notInclude(JSON.stringify(event.changes), '"yes"')

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Rattachée à la personne déjà connue par coordinator alpha le')
    page.assertTextIncludes('mis à jour : téléphone, adresse')
    assert.notInclude(page.text(), 'C’est la même personne : rattacher')

    // Asked again (a second tab): refused, nothing more written.
    const again = await decide(client, application, own.users.coordinator, 'rattacher', {
      known_trainee_id: own.trainee.id,
    })
    again.assertFlashMessage(
      'error',
      'Cette candidature n’attend plus de décision : la question « Personne déjà connue ? » est déjà réglée.'
    )
    assert.lengthOf(await auditOf(application), 1)
  })

  test('an older application confirmed late does not overwrite newer answers', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application } = await applyAgain(client, own, { phone: '07 99 99 99 99' })
    const newer = await ApplicationFactory.merge({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: own.trainee.id,
    }).create()
    // The known person's newest application is more recent than this one.
    newer.merge({ createdAt: application.createdAt.plus({ days: 1 }) })
    await newer.save()

    const response = await decide(client, application, own.users.admin, 'rattacher', {
      known_trainee_id: own.trainee.id,
    })
    response.assertFlashMessage(
      'success',
      'C’est noté : la candidature est rattachée à Stagiaire alpha, déjà connue. Rien n’a changé dans sa fiche.'
    )
    const known = await Trainee.findOrFail(own.trainee.id)
    assert.isNull(known.phone)
    await application.refresh()
    assert.equal(application.traineeId, own.trainee.id)
  })

  test('dismissing keeps both records, clears the flag and shows who decided', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const { application, provisional } = await applyAgain(client, own)
    const trainees = await countTrainees()

    const response = await decide(client, application, own.users.coordinator, 'ecarter', {
      known_trainee_id: own.trainee.id,
    })
    response.assertFlashMessage(
      'success',
      'C’est noté : ce n’est pas la même personne. La candidature garde sa propre fiche.'
    )
    await application.refresh()
    assert.isNull(application.duplicateOfTraineeId)
    assert.equal(application.traineeId, provisional.id)
    assert.equal(await countTrainees(), trainees)
    const known = await Trainee.findOrFail(own.trainee.id)
    assert.isNull(known.phone)

    const [event] = await auditOf(application)
    assert.equal(event.action, 'application.duplicate_dismissed')
    assert.equal(event.userId, own.users.coordinator.id)

    const page = await client
      .get(`/coordination/candidatures/${application.id}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('Pas la même personne, selon coordinator alpha le')
    assert.notInclude(page.text(), 'C’est la même personne : rattacher')
    // Now it can be admitted.
    page.assertTextIncludes('Admettre dans la promotion')

    const list = await client
      .get(`/coordination/promotions/${own.cohort.id}/candidatures`)
      .loginAs(own.users.coordinator)
    assert.notInclude(list.text(), 'Personne déjà connue ?')
  })

  test('a stale page, bad input and another organisation’s application change nothing', async ({
    client,
    assert,
  }) => {
    const { own, other } = await buildWorld()
    const { application, provisional } = await applyAgain(client, own)

    const stale = await decide(client, application, own.users.coordinator, 'rattacher', {
      known_trainee_id: own.trainee.id + 1000,
    })
    stale.assertFlashMessage(
      'error',
      'La personne proposée a changé depuis l’affichage de la page : vérifiez de nouveau.'
    )
    const invalid = await decide(client, application, own.users.coordinator, 'ecarter', {})
    invalid.assertStatus(302)
    invalid.assertFlashMessage('inputErrorsBag', {
      known_trainee_id: ['Le champ « personne déjà connue » est obligatoire.'],
    })

    const theirs = await applyAgain(client, other, {
      last_name: 'beta',
      email: 'trainee@beta.test',
    })
    for (const decision of ['rattacher', 'ecarter'] as const) {
      const response = await decide(client, theirs.application, own.users.coordinator, decision, {
        known_trainee_id: other.trainee.id,
      })
      response.assertStatus(404)
    }

    for (const [flagged, trainee, known] of [
      [application, provisional, own.trainee],
      [theirs.application, theirs.provisional, other.trainee],
    ] as const) {
      await flagged.refresh()
      assert.equal(flagged.traineeId, trainee.id)
      assert.equal(flagged.duplicateOfTraineeId, known.id)
      assert.lengthOf(await auditOf(flagged), 0)
    }
  })
})
