import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import testUtils from '@adonisjs/core/services/test_utils'
import Application from '#models/application'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import { buildWorld } from '#tests/helpers/world'
import { nowInParis } from '#services/sql_time'
import { bufferSpreadsheets } from '#tests/functional/attendance/absences_helpers'

test.group('GEN yearly figures', (group) => {
  group.setup(() => bufferSpreadsheets())
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  /**
   * Hand-computed: the world's running cohort has its woman trainee
   * (application at screening); add a man, job seeker, admitted and
   * certified. Learners 2, applications 2 with 1 admitted (50 %), women
   * 1 of 2, job seekers 1 of 2, 1 certified, no exit yet.
   */
  test('shows each survey figure with its definition', async ({ client, assert }) => {
    const { own } = await buildWorld()
    await own.programme.merge({ genLabelId: 'GEN-123' }).save()
    const man = await Trainee.create({
      organizationId: own.organization.id,
      firstName: 'Karim',
      lastName: 'Benali',
      email: 'karim@alpha.test',
      sex: 'male',
      jobSeeker: true,
    })
    await Application.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: man.id,
      source: 'france_travail',
      status: 'admitted',
    })
    await Enrollment.create({
      organizationId: own.organization.id,
      cohortId: own.cohort.id,
      traineeId: man.id,
      status: 'active',
      startsOn: own.cohort.startsOn,
      certificationResult: 'passed',
    })
    const year = own.cohort.startsOn.setZone('Europe/Paris').year
    const page = await client
      .get(`/coordination/rapports/gen/${own.programme.id}?annee=${year}`)
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('1. Apprenants formés')
    page.assertTextIncludes('2 candidatures, 1 admises (50 %)')
    page.assertTextIncludes('1 sur 2 (50 %)')
    page.assertTextIncludes('1 certifiés, 0 certifiés partiellement')
    page.assertTextIncludes('0 sur 0 sorties')

    const file = await client
      .get(`/coordination/rapports/gen/${own.programme.id}/chiffres.xlsx?annee=${year}`)
      .loginAs(own.users.admin)
    file.assertStatus(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.body())
    const rows: unknown[][] = []
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    assert.deepInclude(rows, [
      '2. Candidatures et taux d’admission',
      '2 candidatures, 1 admises (50 %)',
      'Candidatures reçues pour ces promotions ; taux = admises / reçues.',
    ])
  })

  test('a programme without the label says so; another organisation’s is missing', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    const year = nowInParis().year
    const page = await client
      .get(`/coordination/rapports/gen/${own.programme.id}?annee=${year}`)
      .loginAs(own.users.coordinator)
    page.assertTextIncludes('n’a pas le label Grande École du Numérique')
    const theirs = await client
      .get(`/coordination/rapports/gen/${other.programme.id}?annee=${year}`)
      .loginAs(own.users.coordinator)
    theirs.assertStatus(404)
  })
})
