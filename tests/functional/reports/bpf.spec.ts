import { test } from '@japa/runner'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import AttendanceRecord from '#models/attendance_record'
import ClassSession from '#models/class_session'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Programme from '#models/programme'
import ProgrammeModule from '#models/programme_module'
import Trainee from '#models/trainee'
import ComputeBpfSectionF from '#actions/reports/bpf_section_f'
import { PARIS } from '#services/sql_time'
import { buildWorld, type Side } from '#tests/helpers/world'
import { bufferSpreadsheets } from '#tests/functional/attendance/absences_helpers'

const at = (iso: string) => DateTime.fromISO(iso, { zone: PARIS })

/**
 * The hand-computed year 2025 of organisation alpha:
 *
 * - programme A (RNCP level 5, NSF 326t), cohort A: sessions on
 *   30/12/2024 (3 h, before the year), 01/01/2025 00:30–01:30 Paris
 *   (1 h, i.e. 31/12/2024 in UTC: in the year), 02/06/2025 (3.5 h),
 *   05/01/2026 (3 h, after the year);
 * - programme B (other professional training, NSF 415), cohort B:
 *   03/03/2025 (3.5 h), 04/03/2025 cancelled.
 * - T1 job seeker, in both cohorts, present everywhere: 4.5 h in A, 3.5 h
 *   in B (two actions: counted twice); T2 payer "self", in A, absent on
 *   01/01 and 30 min late on 02/06: 3 h; T3 payer "OPCO Atlas", in B,
 *   15 min late on 03/03 (3.25 h) and "present" at the cancelled one;
 *   T4 (payer Région) in A, absent: not counted.
 *
 * F-1: c 2 / 8 h, d 1 / 3 h, a 1 / 3.25 h. F-3: RNCP 5 2 / 7.5 h, other
 * 2 / 6.75 h. F-4: 326t 2 / 7.5 h, 415 2 / 6.75 h. Totals 4 / 14.25 h.
 */
async function buildYear(own: Side, other: Side) {
  const org = own.organization.id
  await own.programme.merge({ bpfObjective: 'rncp_level_5', nsfCode: '326t' }).save()
  const programmeB = await Programme.create({
    organizationId: org,
    title: 'Programme B',
    slug: 'programme-b',
    totalHours: 100,
    certificationKind: 'none',
    status: 'ready',
    bpfObjective: 'other_professional',
    nsfCode: '415',
  })
  const moduleB = await ProgrammeModule.create({
    organizationId: org,
    programmeId: programmeB.id,
    title: 'Module B',
    kind: 'digital',
    plannedHours: 100,
    position: 1,
    location: 'centre',
  })
  const cohort = (programmeId: number, name: string) =>
    Cohort.create({
      organizationId: org,
      programmeId,
      siteId: own.site.id,
      coordinatorId: own.users.coordinator.id,
      name,
      startsOn: at('2024-12-01'),
      endsOn: at('2026-02-01'),
      capacity: 15,
      status: 'running',
    })
  const cohortA = await cohort(own.programme.id, 'Promotion A 2025')
  const cohortB = await cohort(programmeB.id, 'Promotion B 2025')

  const trainee = (lastName: string, jobSeeker: boolean, payer: string) =>
    Trainee.create({
      organizationId: org,
      firstName: 'T',
      lastName,
      email: `${lastName}@alpha.test`,
      sex: 'female',
      jobSeeker,
      payer,
    })
  const t1 = await trainee('un', true, 'France Travail')
  const t2 = await trainee('deux', false, 'self')
  const t3 = await trainee('trois', false, 'OPCO Atlas')
  const t4 = await trainee('quatre', false, 'Région Normandie')
  const enrol = (c: Cohort, t: Trainee) =>
    Enrollment.create({
      organizationId: org,
      cohortId: c.id,
      traineeId: t.id,
      status: 'active',
      startsOn: c.startsOn,
    })
  const [e1a, e2a, e4a, e1b, e3b] = [
    await enrol(cohortA, t1),
    await enrol(cohortA, t2),
    await enrol(cohortA, t4),
    await enrol(cohortB, t1),
    await enrol(cohortB, t3),
  ]

  const session = (
    side: Side,
    c: Cohort,
    moduleId: number,
    from: string,
    to: string,
    isCancelled = false
  ) =>
    ClassSession.create({
      organizationId: side.organization.id,
      cohortId: c.id,
      programmeModuleId: moduleId,
      trainerId: side.users.trainer.id,
      startsAt: at(from),
      endsAt: at(to),
      isCancelled,
    })
  const mark = (
    side: Side,
    s: ClassSession,
    e: Enrollment,
    status: 'present' | 'late' | 'absent',
    minutesMissed = 0
  ) =>
    AttendanceRecord.create({
      organizationId: side.organization.id,
      classSessionId: s.id,
      enrollmentId: e.id,
      status,
      minutesMissed,
    })

  const a0 = await session(own, cohortA, own.module.id, '2024-12-30T09:00', '2024-12-30T12:00')
  const a1 = await session(own, cohortA, own.module.id, '2025-01-01T00:30', '2025-01-01T01:30')
  const a2 = await session(own, cohortA, own.module.id, '2025-06-02T09:00', '2025-06-02T12:30')
  const a3 = await session(own, cohortA, own.module.id, '2026-01-05T09:00', '2026-01-05T12:00')
  for (const s of [a0, a1, a2, a3]) await mark(own, s, e1a, 'present')
  await mark(own, a0, e2a, 'present')
  await mark(own, a1, e2a, 'absent')
  await mark(own, a2, e2a, 'late', 30)
  await mark(own, a2, e4a, 'absent')

  const b1 = await session(own, cohortB, moduleB.id, '2025-03-03T13:30', '2025-03-03T17:00')
  const b2 = await session(own, cohortB, moduleB.id, '2025-03-04T09:00', '2025-03-04T12:00', true)
  await mark(own, b1, e1b, 'present')
  await mark(own, b1, e3b, 'late', 15)
  await mark(own, b2, e3b, 'present')

  // Another organisation's hours in 2025 must never show.
  const o1 = await session(
    other,
    other.cohort,
    other.module.id,
    '2025-06-02T09:00',
    '2025-06-02T17:00'
  )
  await mark(other, o1, other.enrollment, 'present')

  return { programmeB }
}

const line = (
  frame: { lines: { key: string; trainees: number; hours: number }[] },
  key: string
) => {
  const found = frame.lines.find((l) => l.key === key)
  return found ? [found.trainees, found.hours] : null
}

async function readBack(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

test.group('BPF section F', (group) => {
  group.setup(() => bufferSpreadsheets())
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('counts trainees and hours followed per frame, and the totals match', async ({ assert }) => {
    const { own, other } = await buildWorld()
    await buildYear(own, other)
    const report = await new ComputeBpfSectionF().handle({
      organizationId: own.organization.id,
      year: 2025,
    })

    assert.deepEqual(line(report.f1, 'job_seekers'), [2, 8])
    assert.deepEqual(line(report.f1, 'self_funded'), [1, 3])
    assert.deepEqual(line(report.f1, 'employees'), [1, 3.25])
    assert.deepEqual(line(report.f1, 'apprentices'), [0, 0])
    assert.deepEqual(line(report.f1, 'others'), [0, 0])
    assert.deepEqual(line(report.f3, 'rncp_level_5'), [2, 7.5])
    assert.deepEqual(line(report.f3, 'other_professional'), [2, 6.75])
    assert.deepEqual(line(report.f3, 'vae'), [0, 0])
    assert.deepEqual(
      report.f4.lines.map((l) => [l.code, l.trainees, l.hours]),
      [
        ['326t', 2, 7.5],
        ['415', 2, 6.75],
      ]
    )
    for (const frame of [report.f1, report.f3, report.f4]) {
      assert.equal(frame.trainees, 4)
      assert.equal(frame.hours, 14.25)
    }
    assert.isTrue(report.totalsMatch)
    assert.equal(
      report.sentence,
      'Les totaux des trois cadres concordent : 4 stagiaires, 14,25 heures.'
    )
  })

  test('says why the totals differ when a programme has no NSF code', async ({ assert }) => {
    const { own, other } = await buildWorld()
    const { programmeB } = await buildYear(own, other)
    await programmeB.merge({ nsfCode: null }).save()
    const report = await new ComputeBpfSectionF().handle({
      organizationId: own.organization.id,
      year: 2025,
    })
    assert.isFalse(report.totalsMatch)
    assert.equal(report.f4.trainees, 2)
    assert.deepEqual(line(report.f4, 'unset'), [2, 6.75])
    assert.include(report.sentence, 'ne concordent pas')
    assert.include(report.sentence, 'un programme n’a pas de code NSF')
  })

  test('the page shows the three frames; another organisation sees none of it', async ({
    client,
  }) => {
    const { own, other } = await buildWorld()
    await buildYear(own, other)
    const page = await client
      .get('/coordination/rapports/bpf?annee=2025')
      .loginAs(own.users.coordinator)
    page.assertStatus(200)
    page.assertTextIncludes('Les totaux des trois cadres concordent : 4 stagiaires, 14,25 heures.')
    page.assertTextIncludes('F-4 – Spécialités de formation (NSF)')
    page.assertTextIncludes('Informatique, traitement de l’information')

    const theirs = await client
      .get('/coordination/rapports/bpf?annee=2025')
      .loginAs(other.users.coordinator)
    // Their programme has neither objective nor NSF code: said, not hidden.
    theirs.assertTextIncludes(
      'Les totaux des trois cadres ne concordent pas (F-1 : 1 stagiaire, 8 heures ; F-3 : 0 stagiaire, 0 heure'
    )
    theirs.assertTextIncludes('un programme n’a pas d’objectif BPF')
  })

  test('the spreadsheet reads back with numbers and the check line', async ({ client, assert }) => {
    const { own, other } = await buildWorld()
    await buildYear(own, other)
    const response = await client
      .get('/coordination/rapports/bpf.xlsx?annee=2025')
      .loginAs(own.users.admin)
    response.assertStatus(200)
    response.assertHeader('content-disposition', 'attachment; filename="bpf-cadre-f-2025.xlsx"')
    const rows = await readBack(response.body())
    assert.deepInclude(rows, [
      'F-1 c',
      'Personnes en recherche d’emploi formées par votre organisme',
      2,
      8,
    ])
    assert.deepInclude(rows, ['F-3 d', 'Autres formations professionnelles', 2, 6.75])
    assert.deepInclude(rows, [
      '415',
      'Développement des capacités d’orientation, d’insertion ou de réinsertion sociales et professionnelles',
      2,
      6.75,
    ])
    const totals = rows.filter((r) => r[0] === 'Total').map((r) => [r[2], r[3]])
    assert.deepEqual(totals, [
      [4, 14.25],
      [4, 14.25],
      [4, 14.25],
    ])
    assert.deepInclude(rows, [
      'Contrôle',
      'Les totaux des trois cadres concordent : 4 stagiaires, 14,25 heures.',
      'OUI',
    ])
  })

  test('a period spanning years is refused with a clear message', async ({ client, assert }) => {
    const { own } = await buildWorld()
    const page = await client
      .get('/coordination/rapports/bpf?annee=2025-2026')
      .loginAs(own.users.coordinator)
    page.assertStatus(422)
    page.assertTextIncludes('porte sur une année civile')
    const file = await client
      .get('/coordination/rapports/bpf.xlsx?annee=2025-2026')
      .loginAs(own.users.coordinator)
    file.assertStatus(422)
    assert.include(file.text(), 'indiquez une seule année')
  })

  test('`node ace export:bpf` writes the spreadsheet; a bad year fails', async ({ assert }) => {
    const { own, other } = await buildWorld()
    await buildYear(own, other)
    const dir = await mkdtemp(join(tmpdir(), 'bpf-'))
    try {
      const out = join(dir, 'bpf.xlsx')
      const ace = await app.container.make('ace')
      const command = await ace.exec('export:bpf', [
        '--year=2025',
        '--organization=alpha',
        `--out=${out}`,
      ])
      assert.equal(command.exitCode, 0)
      const rows = await readBack(await readFile(out))
      assert.deepInclude(rows, [
        'Contrôle',
        'Les totaux des trois cadres concordent : 4 stagiaires, 14,25 heures.',
        'OUI',
      ])

      const refused = await ace.exec('export:bpf', [
        '--year=2025-2026',
        '--organization=alpha',
        `--out=${join(dir, 'no.xlsx')}`,
      ])
      assert.equal(refused.exitCode, 1)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
