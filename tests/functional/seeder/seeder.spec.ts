import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import MainSeeder from '#database/seeders/main_seeder'
import { APPLICATION_STATUSES } from '#enums/application_status'
import Cohort from '#models/cohort'
import Enrollment from '#models/enrollment'
import Organization from '#models/organization'
import PartnerCompany from '#models/partner_company'
import Programme from '#models/programme'
import User from '#models/user'
import {
  DEMO_ACCOUNTS,
  DEMO_FUNDER_SLUGS,
  DEMO_ORGANIZATION_SLUGS,
  DEMO_PASSWORD,
  isLuhnValid,
} from '#services/demo_world'
import { sqlDateTime } from '#services/sql_time'
import { parisWeek } from '#services/week'

const TABLES = [
  'organizations',
  'sites',
  'funders',
  'users',
  'programmes',
  'programme_modules',
  'partner_companies',
  'company_contacts',
  'cohorts',
  'cohort_funders',
  'class_sessions',
  'trainees',
  'applications',
  'application_status_changes',
  'enrollments',
  'attendance_records',
  'internships',
  'outcomes',
  'follow_ups',
]

async function countRows() {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const [row] = await db.from(table).count('* as total')
    counts[table] = Number(row.total)
  }
  return counts
}

/**
 * Removes the demo world: its organisations (everything they own
 * cascades) and its funders (with their accounts).
 */
async function removeDemoWorld() {
  await db.from('organizations').whereIn('slug', DEMO_ORGANIZATION_SLUGS).delete()
  await db.from('funders').whereIn('slug', DEMO_FUNDER_SLUGS).delete()
}

/**
 * The seeder opens its own transaction, so no global transaction here:
 * the world is built once for the group and removed after it.
 */
test.group('Demo seeder', (group) => {
  group.setup(async () => {
    await removeDemoWorld()
    await new MainSeeder(db.connection()).run()
    return () => removeDemoWorld()
  })

  test('a second `db:seed` adds nothing and fails nothing', async ({ assert }) => {
    const first = await countRows()
    assert.isAbove(first.class_sessions, 500)
    assert.isAbove(first.attendance_records, 1000)
    assert.isAtLeast(first.trainees, 75)

    const ace = await app.container.make('ace')
    const command = await ace.exec('db:seed', [])
    assert.equal(command.exitCode, 0)

    assert.deepEqual(await countRows(), first)
  })

  test('one cohort is running, with sessions this week (Paris time)', async ({ assert }) => {
    const running = await Cohort.query().where('status', 'running')
    assert.lengthOf(running, 1)

    const { start, end } = parisWeek()
    const thisWeek = await running[0]
      .related('classSessions')
      .query()
      .where('starts_at', '>=', sqlDateTime(start))
      .where('starts_at', '<', sqlDateTime(end))
      .preload('trainer')
    assert.isNotEmpty(thisWeek)
    assert.isTrue(thisWeek.some((session) => session.trainer?.email === 'formation@trajectio.demo'))

    const statuses = await Cohort.query().orderBy('starts_on')
    assert.includeMembers(
      statuses.map((cohort) => cohort.status),
      ['completed', 'running', 'recruiting', 'planned']
    )
  })

  test('every programme’s modules add up to its total hours', async ({ assert }) => {
    const programmes = await Programme.query().preload('modules')
    assert.lengthOf(programmes, 2)
    for (const programme of programmes) {
      const sum = programme.modules.reduce((total, module) => total + module.plannedHours, 0)
      assert.equal(sum, programme.totalHours, programme.title)
    }
  })

  test('each cohort’s schedule covers its curriculum exactly', async ({ assert }) => {
    const cohorts = await Cohort.query()
      .preload('programme', (programme) => programme.preload('modules'))
      .preload('classSessions')
    for (const cohort of cohorts) {
      for (const module of cohort.programme.modules) {
        const minutes = cohort.classSessions
          .filter((session) => session.programmeModuleId === module.id)
          .reduce((total, session) => total + session.durationMinutes, 0)
        assert.equal(minutes, module.plannedHours * 60, `${cohort.name} / ${module.title}`)
      }
    }
  })

  test('the five demo accounts exist with their role and password', async ({ assert }) => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await User.verifyCredentials(account.email, DEMO_PASSWORD)
      assert.equal(user.role, account.role, account.email)
    }
    const file = JSON.parse(await readFile(app.makePath('tmp', 'demo-accounts.json'), 'utf8'))
    assert.deepEqual(file, DEMO_ACCOUNTS)
  })

  test('the trainee account is active in the running cohort', async ({ assert }) => {
    const user = await User.findByOrFail('email', 'stagiaire@trajectio.demo')
    const trainee = await user.related('trainee').query().firstOrFail()
    const enrollment = await Enrollment.query()
      .where('trainee_id', trainee.id)
      .whereHas('cohort', (cohort) => cohort.where('status', 'running'))
      .firstOrFail()
    assert.equal(enrollment.status, 'active')
    assert.equal(trainee.organizationId, user.organizationId)
  })

  test('applications exist in all eight statuses, each with its history', async ({ assert }) => {
    const rows = await db
      .from('applications')
      .select('status')
      .count('* as total')
      .groupBy('status')
    assert.sameMembers(
      rows.map((row) => row.status),
      [...APPLICATION_STATUSES]
    )

    const withoutHistory = await db
      .from('applications')
      .whereNotExists((query) =>
        query
          .from('application_status_changes')
          .whereColumn('application_status_changes.application_id', 'applications.id')
      )
      .count('* as total')
    assert.equal(Number(withoutHistory[0].total), 0)
  })

  test('SIRET numbers pass the Luhn check', async ({ assert }) => {
    const organizations = await Organization.query().whereIn('slug', DEMO_ORGANIZATION_SLUGS)
    const companies = await PartnerCompany.all()
    for (const { name, siret } of [...organizations, ...companies]) {
      assert.isTrue(
        siret !== null && siret.length === 14 && isLuhnValid(siret),
        `${name}: ${siret}`
      )
    }
  })
})
