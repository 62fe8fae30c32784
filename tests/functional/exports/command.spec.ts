import { test } from '@japa/runner'
import { readFile, rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildWorld } from '#tests/helpers/world'
import { pseudonym } from '#exports/outcome_spreadsheet'
import { knownSet, parcoursRows, readWorkbook } from '#tests/functional/exports/known_set'

test.group('node ace export:outcomes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('writes the funder’s spreadsheet to the given file', async ({ assert, cleanup }) => {
    const { own, other } = await buildWorld()
    const set = await knownSet(own)
    const out = app.makePath('tmp', `h13-export-${process.pid}.xlsx`)
    cleanup(() => rm(out, { force: true }))

    const ace = await app.container.make('ace')
    const command = await ace.exec('export:outcomes', [
      '--funder',
      own.funder.slug,
      '--from',
      set.from.toISODate()!,
      '--to',
      set.to.toISODate()!,
      '--out',
      out,
    ])
    assert.equal(command.exitCode, 0)
    const { rows } = parcoursRows(await readWorkbook(await readFile(out)))
    assert.lengthOf(rows, 3)
    assert.sameMembers(
      rows.map((row) => row['Identifiant']),
      [set.a, set.b, set.c].map((enrollment) => pseudonym(own.funder.id, enrollment.traineeId))
    )
    // The other organisation's trainee is funded by another funder: absent.
    assert.notInclude(
      rows.map((row) => row['Identifiant']),
      pseudonym(own.funder.id, other.enrollment.traineeId)
    )
  })

  test('an unknown funder or an empty period writes nothing', async ({ assert, cleanup }) => {
    const { own } = await buildWorld()
    const out = app.makePath('tmp', `h13-empty-${process.pid}.xlsx`)
    cleanup(() => rm(out, { force: true }))
    const ace = await app.container.make('ace')
    const unknown = await ace.exec('export:outcomes', [
      '--funder',
      'personne',
      '--from',
      '2020-01-01',
      '--to',
      '2020-12-31',
      '--out',
      out,
    ])
    assert.equal(unknown.exitCode, 1)
    const empty = await ace.exec('export:outcomes', [
      '--funder',
      String(own.funder.id),
      '--from',
      '2001-01-01',
      '--to',
      '2001-12-31',
      '--out',
      out,
    ])
    assert.equal(empty.exitCode, 1)
    await assert.rejects(() => readFile(out))
  })
})
