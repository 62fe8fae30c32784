import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import { guessMapping } from '#actions/applications/import/import_fields'
import { importChoicesQuery } from '#validators/application_import'
import { buildWorld } from '#tests/helpers/world'
import {
  REFERRAL_HEADERS,
  REFERRAL_ROWS,
  csvFile,
} from '#tests/functional/applications/import_fixtures'
import {
  enrolTrainee,
  rollCallBody,
  sessionAround,
} from '#tests/functional/attendance/roll_call_helpers'
import { rowKey } from '#actions/roll_calls/roll_call_rows'

/**
 * A database error in the middle of a multi-row write, injected with a
 * trigger that refuses one statement after others already ran in the same
 * transaction. The trigger is created inside the test's global transaction,
 * so it disappears with it.
 */
async function failWhen(name: string, table: string, event: string, condition = 'true') {
  if (db.connection().dialect.name === 'postgres') {
    await db.rawQuery(
      `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql`
    )
    await db.rawQuery(
      `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW WHEN (${condition}) EXECUTE FUNCTION ${name}()`
    )
  } else {
    await db.rawQuery(
      `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW WHEN ${condition} BEGIN SELECT RAISE(ABORT, 'injected fault'); END`
    )
  }
}

const TABLES = [
  'trainees',
  'applications',
  'application_status_changes',
  'attendance_records',
  'audit_events',
  'class_sessions',
  'job_outbox',
]

async function countRows() {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const [row] = await db.from(table).count('* as total')
    counts[table] = Number(row.total)
  }
  return counts
}

function location(response: ApiResponse) {
  return response.header('location') ?? ''
}

test.group('Faults | database error in the middle of a write', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('a roll call failing after its lines are written keeps nothing, says so, keeps the form', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const session = await sessionAround(own)
    const second = await enrolTrainee(own, 'Durand', { firstName: 'Inès' })
    const key = rowKey(own.enrollment.id)
    // The last statement of the save: marking the session's roll call.
    await failWhen('fault_roll_call', 'class_sessions', 'UPDATE OF roll_call_at')
    const before = await countRows()

    const response = await client
      .post(`/coordination/seances/${session.id}/appel`)
      .loginAs(own.users.coordinator)
      .withCsrfToken()
      .form(rollCallBody({ [key]: { status: 'present' }, [second.key]: { status: 'absent' } }))

    response.assertStatus(200)
    response.assertTextIncludes(
      'L’appel n’a pas pu être enregistré à cause d’une erreur de la base de données. Rien n’a été enregistré, pas même en partie.'
    )
    // What the person chose is still checked in the form.
    assert.match(
      response.text(),
      new RegExp(`name="rows\\[${second.key}\\]\\[status\\]" value="absent"\\s+checked`)
    )
    assert.deepEqual(await countRows(), before)
    await session.refresh()
    assert.isNull(session.rollCallAt)
    assert.isNull(session.trainerSignedAt)
  })

  test('an import failing at its second person keeps not even the first, and says so', async ({
    client,
    assert,
  }) => {
    const { own } = await buildWorld()
    const coordinator = own.users.coordinator
    const importUrl = `/coordination/promotions/${own.cohort.id}/candidatures/import`
    const uploaded = await client
      .post(importUrl)
      .file('file', csvFile([REFERRAL_HEADERS, ...REFERRAL_ROWS]), { filename: 'liste.csv' })
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    uploaded.assertStatus(302)
    const token = new URL(location(uploaded), 'http://localhost').searchParams.get('upload')!
    const choices = { mapping: guessMapping(REFERRAL_HEADERS), source: 'france_travail' as const }

    // Row 1 (Lefèvre) gets its trainee, application and history; row 2 fails.
    await failWhen('fault_import', 'trainees', 'INSERT', `NEW.last_name = 'Durand'`)
    const before = await countRows()

    const response = await client
      .post(`${importUrl}/confirmer`)
      .form(importChoicesQuery(token, choices))
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)

    response.assertStatus(302)
    assert.equal(
      location(response),
      router.makeUrl(
        'coordinator.applications.import.preview',
        { id: own.cohort.id },
        { qs: importChoicesQuery(token, choices) }
      )
    )
    response.assertFlashMessage(
      'error',
      'Import interrompu par une erreur de la base de données. Rien n’a été enregistré, pas même en partie. Réessayez dans quelques minutes ; si cela se répète, prévenez l’équipe technique.'
    )
    assert.deepEqual(await countRows(), before)

    // The file is still there: once the fault is gone, the same import goes through.
    await db.rawQuery(
      'DROP TRIGGER fault_import' +
        (db.connection().dialect.name === 'postgres' ? ' ON trainees' : '')
    )
    const retried = await client
      .post(`${importUrl}/confirmer`)
      .form(importChoicesQuery(token, choices))
      .withCsrfToken()
      .loginAs(coordinator)
      .redirects(0)
    retried.assertFlashMessage('success', '3 candidatures importées.')
    const after = await countRows()
    assert.equal(after.applications, before.applications + 3)
  })
})
