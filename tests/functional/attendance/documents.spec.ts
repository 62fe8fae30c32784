import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import Enrollment from '#models/enrollment'
import Trainee from '#models/trainee'
import User from '#models/user'
import { buildWorld, type Side } from '#tests/helpers/world'
import { PARIS } from '#services/sql_time'
import {
  XLSX_MIME,
  absence,
  bufferSpreadsheets,
  readPdf,
  sessionOn,
} from '#tests/functional/attendance/absences_helpers'

const sessionSheet = (id: number) => `/coordination/seances/${id}/emargement.pdf`
const statementUrl = (side: Side, format: '' | '.xlsx' | '.pdf', month: string) =>
  `/coordination/promotions/${side.cohort.id}/stagiaires/${side.enrollment.id}/etat-presence${format}?mois=${month}`

/**
 * A second trainee in the side's cohort, enrolled from its start.
 */
async function secondTrainee(side: Side, firstName: string, lastName: string) {
  const trainee = await Trainee.create({
    organizationId: side.organization.id,
    firstName,
    lastName,
  })
  return Enrollment.create({
    organizationId: side.organization.id,
    cohortId: side.cohort.id,
    traineeId: trainee.id,
    status: 'active',
    startsOn: side.cohort.startsOn,
  })
}

test.group('Attendance documents | sheets', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a session’s sheet names the session and each trainee with their signature proof', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await secondTrainee(own, 'Éloïse', 'Lefèvre-Cœur')
    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: own.pastSession.id,
      enrollmentId: enrollment.id,
      status: 'absent',
      minutesMissed: 0,
      absenceJustified: true,
      absenceReason: 'illness',
    })

    const response = await client
      .get(sessionSheet(own.pastSession.id))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const pdf = await readPdf(response.body())
    assert.equal(pdf.numpages, 1)
    assert.include(pdf.text, 'Feuille d’émargement')
    assert.include(pdf.text, 'Organisme alpha')
    assert.include(pdf.text, 'Programme alpha')
    assert.include(pdf.text, 'Promotion alpha')
    assert.include(pdf.text, 'Numérique alpha')
    assert.include(pdf.text, 'trainer alpha')
    assert.include(pdf.text, 'Après-midi')
    assert.include(pdf.text, '13:30 – 17:00')
    assert.include(pdf.text, 'ALPHA Stagiaire')
    assert.include(pdf.text, 'LEFÈVRE-CŒUR Éloïse')
    assert.include(pdf.text, 'Absent·e – justifié')
    const signedAt = own.attendance.signedAt!.setZone(PARIS)
    assert.include(pdf.text, `Signé par le formateur le ${signedAt.toFormat("dd/MM 'à' H 'h' mm")}`)
    assert.include(pdf.text, 'Page 1 sur 1')
  })

  test('a trainee not yet signed gets an empty box, a phone signature is shown', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const enrollment = await secondTrainee(own, 'Karim', 'Benali')
    await AttendanceRecord.create({
      organizationId: own.organization.id,
      classSessionId: own.session.id,
      enrollmentId: enrollment.id,
      status: 'present',
      minutesMissed: 0,
      signedAt: own.session.startsAt.plus({ minutes: 4 }),
      signatureMethod: 'trainee_phone',
    })

    const response = await client.get(sessionSheet(own.session.id)).loginAs(own.users.trainer)

    response.assertStatus(200)
    const pdf = await readPdf(response.body())
    const line = (name: string) => pdf.text.split('\n').find((text) => text.includes(name)) ?? ''
    assert.match(line('BENALI Karim'), /Signé sur téléphone le \d\d\/\d\d à 9 h 04/)
    assert.notInclude(line('ALPHA Stagiaire'), 'Signé')
  })

  test('a long list goes on to a second page with the headings', async ({ client, assert }) => {
    const { own } = await buildWorld()
    for (let index = 1; index <= 24; index++) {
      await secondTrainee(own, `Prénom${index}`, `Nom${String(index).padStart(2, '0')}`)
    }

    const response = await client.get(sessionSheet(own.session.id)).loginAs(own.users.coordinator)

    const pdf = await readPdf(response.body())
    assert.equal(pdf.numpages, 2)
    assert.include(pdf.text, 'Feuille d’émargement (suite)')
    assert.include(pdf.text, 'NOM24 Prénom24')
    assert.include(pdf.text, 'Page 2 sur 2')
  })

  test('the week’s sheets have one page per session of the week', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const monday = DateTime.now().setZone(PARIS).startOf('week').plus({ weeks: 2 })
    const offset = Math.round(
      monday.diff(DateTime.now().setZone(PARIS).startOf('day'), 'days').days
    )
    await sessionOn(own, offset, 'morning')
    await sessionOn(own, offset, 'afternoon')
    await sessionOn(own, offset + 3, 'morning')
    await sessionOn(own, offset + 1, 'morning', { isCancelled: true })
    await sessionOn(own, offset + 7, 'morning')

    const week = monday.toFormat("kkkk-'W'WW")
    const response = await client
      .get(`/coordination/promotions/${own.cohort.id}/emargement.pdf?semaine=${week}`)
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    const pdf = await readPdf(response.body())
    assert.equal(pdf.numpages, 3)
    assert.equal(pdf.text.split('Feuille d’émargement\n').length - 1, 3)
    assert.include(pdf.text, monday.setLocale('fr').toFormat('cccc d LLLL yyyy'))

    const byDay = await client
      .get(
        `/coordination/promotions/${own.cohort.id}/emargement.pdf?semaine=${monday.plus({ days: 2 }).toISODate()}`
      )
      .loginAs(own.users.admin)
    const byDayPdf = await readPdf(byDay.body())
    assert.equal(byDayPdf.numpages, 3)
  })

  test('a trainer prints their own sessions only; another organisation’s is not found', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    const colleague = await User.create({
      organizationId: own.organization.id,
      fullName: 'Autre formatrice',
      email: 'formatrice2@alpha.test',
      password: 'password-123',
      role: 'trainer',
    })

    const mine = await client.get(sessionSheet(own.session.id)).loginAs(own.users.trainer)
    mine.assertStatus(200)
    const notMine = await client.get(sessionSheet(own.session.id)).loginAs(colleague)
    notMine.assertStatus(404)
    const elsewhere = await client
      .get(sessionSheet(other.session.id))
      .loginAs(own.users.coordinator)
    elsewhere.assertStatus(404)
    const week = await client
      .get(`/coordination/promotions/${other.cohort.id}/emargement.pdf`)
      .loginAs(own.users.coordinator)
    week.assertStatus(404)
  })
})

test.group('Attendance documents | monthly statement', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(() => bufferSpreadsheets())

  /**
   * Two months ago (the world's own sessions are later): present 3.5 h, late 30 min (justified), absent
   * unjustified 3.5 h, absent justified 3.5 h, one without roll call.
   */
  async function aMonthWithAbsences(side: Side) {
    const first = DateTime.now().setZone(PARIS).startOf('month').minus({ months: 2 })
    const today = DateTime.now().setZone(PARIS).startOf('day')
    const daysTo = (date: DateTime) => Math.round(date.diff(today, 'days').days)
    side.enrollment.startsOn = first
    await side.enrollment.save()
    side.cohort.startsOn = first
    await side.cohort.save()

    const present = await sessionOn(side, daysTo(first.plus({ days: 1 })), 'morning')
    const late = await sessionOn(side, daysTo(first.plus({ days: 1 })), 'afternoon')
    const absentUnjustified = await sessionOn(side, daysTo(first.plus({ days: 2 })), 'morning')
    const absentJustified = await sessionOn(side, daysTo(first.plus({ days: 3 })), 'morning')
    await sessionOn(side, daysTo(first.plus({ days: 4 })), 'morning')
    await sessionOn(side, daysTo(first.plus({ days: 5 })), 'morning', { isCancelled: true })

    await absence(
      side,
      { status: 'present', signedAt: present.startsAt, signatureMethod: 'paper' },
      present
    )
    await absence(
      side,
      {
        status: 'late',
        minutesMissed: 30,
        absenceJustified: true,
        absenceReason: 'transport',
        signedAt: late.startsAt,
      },
      late
    )
    await absence(side, { absenceJustified: false, absenceReason: 'other' }, absentUnjustified)
    await absence(side, { absenceJustified: true, absenceReason: 'illness' }, absentJustified)
    return first
  }

  test('the spreadsheet reads back with real dates, hour numbers and totals', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const month = await aMonthWithAbsences(own)

    const response = await client
      .get(statementUrl(own, '.xlsx', month.toFormat('yyyy-MM')))
      .loginAs(own.users.coordinator)

    response.assertStatus(200)
    response.assertHeader('content-type', XLSX_MIME)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.body())
    const sheet = workbook.worksheets[0]
    const cells: string[] = []
    sheet.eachRow((row) => cells.push(row.values!.toString()))
    assert.include(cells.join('\n'), 'ALPHA Stagiaire')
    assert.include(cells.join('\n'), 'Organisme alpha')

    const headerRow = sheet.getColumn(1).values.findIndex((value) => value === 'Date')
    assert.isAbove(headerRow, 0)
    assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: 'frozen', ySplit: headerRow })

    const firstRow = sheet.getRow(headerRow + 1)
    const date = firstRow.getCell(1)
    assert.instanceOf(date.value, Date)
    assert.equal(
      (date.value as Date).toISOString().slice(0, 10),
      month.plus({ days: 1 }).toISODate()
    )
    assert.equal(date.numFmt, 'dd/mm/yyyy')
    assert.strictEqual(firstRow.getCell(5).value, 3.5)

    const totals = sheet.getRow(headerRow + 6)
    assert.equal(totals.getCell(1).value, 'Total')
    assert.deepEqual(
      [5, 6, 7, 8, 9].map((column) => totals.getCell(column).result),
      [17.5, 6.5, 0.5, 3.5, 3.5]
    )
    assert.include(String((totals.getCell(5).value as ExcelJS.CellFormulaValue).formula), 'SUM(E')
  })

  test('the PDF and the page give the same totals', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const month = await aMonthWithAbsences(own)

    const response = await client
      .get(statementUrl(own, '.pdf', month.toFormat('yyyy-MM')))
      .loginAs(own.users.admin)
    response.assertStatus(200)
    const pdf = await readPdf(response.body())
    assert.equal(pdf.numpages, 1)
    assert.include(pdf.text, 'État de présence mensuel')
    assert.include(pdf.text, 'ALPHA Stagiaire')
    assert.include(pdf.text, 'Programme alpha')
    assert.match(pdf.text, /Grève des\s+transports/)
    assert.include(pdf.text, 'Présence non enregistrée')
    assert.match(pdf.text, /Total\s*17,50\s*6,50\s*0,50\s*3,50\s*3,50/)
    assert.include(pdf.text, 'Taux de présence du mois : 37 % ; 3,50 h sans présence enregistrée.')

    const page = await client
      .get(statementUrl(own, '', month.toFormat('yyyy-MM')))
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('6,50 h')
    page.assertTextIncludes('Retard ou départ anticipé (30 min), justifiée')
    page.assertTextIncludes('Taux de présence du mois : 37 %')
  })

  test('another organisation’s trainee, or another cohort’s enrollment, is not found', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    const elsewhere = await client
      .get(statementUrl(other, '.xlsx', '2026-01'))
      .loginAs(own.users.coordinator)
    elsewhere.assertStatus(404)
    const mixed = await client
      .get(
        `/coordination/promotions/${own.cohort.id}/stagiaires/${other.enrollment.id}/etat-presence.pdf`
      )
      .loginAs(own.users.coordinator)
    mixed.assertStatus(404)
  })
})
