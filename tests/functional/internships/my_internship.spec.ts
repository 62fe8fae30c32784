import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Enrollment from '#models/enrollment'
import Internship from '#models/internship'
import Trainee from '#models/trainee'
import User from '#models/user'
import { buildWorld } from '#tests/helpers/world'

test.group('Internships | Mon stage', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows a draft to nobody, then the trainee’s own internship once the agreement is sent', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    own.company.merge({ addressLine: '12 rue du Gros-Horloge' })
    await own.company.save()
    own.contact.merge({ phone: '06 12 34 56 78' })
    await own.contact.save()

    const draft = await client.get('/mon-stage').loginAs(own.users.trainee)
    draft.assertStatus(200)
    draft.assertTextIncludes('Aucun stage n’est encore prévu pour vous.')
    assert.notInclude(draft.text(), 'Entreprise alpha')

    own.internship.merge({ status: 'agreement_sent', tasks: 'Accueil et mise en rayon' })
    await own.internship.save()
    const page = await client.get('/mon-stage').loginAs(own.users.trainee)
    page.assertTextIncludes('<h2 id="internship-' + own.internship.id + '">Entreprise alpha</h2>')
    page.assertTextIncludes('12 rue du Gros-Horloge, 76000 Rouen')
    page.assertTextIncludes('Tutrice alpha')
    page.assertTextIncludes('href="tel:0612345678"')
    page.assertTextIncludes('tutrice@alpha.test')
    page.assertTextIncludes('35 h au total, 35 h par semaine')
    page.assertTextIncludes(own.internship.startsOn.setLocale('fr').toFormat('d LLLL yyyy'))
    page.assertTextIncludes('Accueil et mise en rayon')
    page.assertTextIncludes('Une pièce d’identité')
    page.assertTextIncludes('href="/mon-stage"')
  })

  test('never shows another trainee’s internship', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    other.internship.merge({ status: 'signed' })
    await other.internship.save()

    // A classmate of the same organisation with a signed internship elsewhere.
    const user = await User.create({
      organizationId: own.organization.id,
      fullName: 'Camarade alpha',
      email: 'camarade@alpha.test',
      password: 'password-123',
      role: 'trainee',
    })
    const classmate = await Trainee.create({
      organizationId: own.organization.id,
      userId: user.id,
      firstName: 'Camarade',
      lastName: 'Alpha',
    })
    const enrollment = await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: classmate.id,
      status: 'active',
      startsOn: own.cohort.startsOn,
    })
    await Internship.create({
      organizationId: own.organization.id,
      enrollmentId: enrollment.id,
      partnerCompanyId: own.company.id,
      kind: 'stage',
      startsOn: own.internship.startsOn,
      endsOn: own.internship.endsOn,
      hoursTotal: 21,
      weeklyHours: 21,
      place: 'Entrepôt du camarade',
      status: 'signed',
    })

    const page = await client.get('/mon-stage').loginAs(own.users.trainee)
    page.assertStatus(200)
    page.assertTextIncludes('Aucun stage n’est encore prévu pour vous.')
    assert.notInclude(page.text(), 'Entrepôt du camarade')
    assert.notInclude(page.text(), 'Entreprise beta')

    const theirs = await client.get('/mon-stage').loginAs(user)
    theirs.assertTextIncludes('Entrepôt du camarade')
    theirs.assertTextIncludes('21 h au total')
  })

  test('is for trainees only', async ({ client }) => {
    const { own } = await buildWorld()
    const response = await client.get('/mon-stage').loginAs(own.users.coordinator)
    response.assertStatus(403)
  })
})
