import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Organization from '#models/organization'
import pageCache, { PageCache } from '#services/page_cache'
import { PARIS } from '#services/sql_time'
import { GLOBAL_TABLES, UNVERSIONED_TABLES } from '#database/support/data_version_triggers'

/**
 * The page cache is only as correct as the triggers behind its versions:
 * every table of organisation data must have them.
 */
test.group('Data versions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function tableNames(): Promise<string[]> {
    if (db.connection().dialect.name === 'postgres') {
      const result = await db.rawQuery(
        `select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE'`
      )
      return result.rows.map((row: { name: string }) => row.name)
    }
    const rows = await db.rawQuery(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
    )
    return rows.map((row: { name: string }) => row.name)
  }

  async function columnsOf(table: string): Promise<string[]> {
    if (db.connection().dialect.name === 'postgres') {
      const result = await db.rawQuery(
        `select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = ?`,
        [table]
      )
      return result.rows.map((row: { name: string }) => row.name)
    }
    const rows = await db.rawQuery(`select name from pragma_table_info(?)`, [table])
    return rows.map((row: { name: string }) => row.name)
  }

  async function triggersOf(table: string): Promise<string[]> {
    if (db.connection().dialect.name === 'postgres') {
      const result = await db.rawQuery(
        'select trigger_name from information_schema.triggers where event_object_table = ?',
        [table]
      )
      return result.rows.map((row: { trigger_name: string }) => row.trigger_name)
    }
    const rows = await db
      .from('sqlite_master')
      .where('type', 'trigger')
      .where('tbl_name', table)
      .select('name')
    return rows.map((row) => row.name)
  }

  test('every table of organisation data, and the shared ones, bump a version on write', async ({
    assert,
  }) => {
    const tables = await tableNames()
    const versioned: string[] = []
    for (const table of tables) {
      const columns = await columnsOf(table)
      const organisationData = table === 'organizations' || columns.includes('organization_id')
      if (!(organisationData || GLOBAL_TABLES.includes(table))) continue
      if (UNVERSIONED_TABLES.includes(table)) continue
      const names = await triggersOf(table)
      for (const event of ['insert', 'update', 'delete']) {
        assert.include(names, `${table}_data_version_${event}`, `${table} on ${event}`)
      }
      versioned.push(table)
    }
    assert.isAbove(versioned.length, 20)
  })

  test('a write gives its organisation a new version, never one seen before', async ({
    assert,
  }) => {
    const organization = await Organization.create({ name: 'Versions', slug: 'versions' })
    const seen = new Set<string>()
    const version = async () => {
      const value = await pageCache.versions({ organizationId: organization.id })
      assert.isFalse(seen.has(value), `version ${value} seen before`)
      seen.add(value)
    }
    await version()
    organization.name = 'Versions bis'
    await organization.save()
    await version()
    await db.table('sites').insert({
      organization_id: organization.id,
      name: 'Site',
      city: 'Caen',
      postal_code: '14000',
      department_code: '14',
      created_at: new Date(),
      updated_at: new Date(),
    })
    await version()
    await db.from('sites').where('organization_id', organization.id).delete()
    await version()
  })
})

test.group('Page cache memory', () => {
  test('a page is served again only under the same key, with the current token', async ({
    assert,
  }) => {
    const cache = new PageCache({ enabled: true, maxMegabytes: 1 })
    cache.set('key', '<input value="token-1"> token-1', 'token-1')
    assert.equal(cache.get('key', 'token-2')?.toString(), '<input value="token-2"> token-2')
    assert.isUndefined(cache.get('other', 'token-2'))
    assert.deepEqual(cache.stats, { hits: 1, misses: 1 })
  })

  test('memory stays within its bound: the least recent pages go first', async ({ assert }) => {
    const cache = new PageCache({ enabled: true, maxMegabytes: 1 })
    const page = 'x'.repeat(400_000)
    for (const key of ['a', 'b', 'c']) cache.set(key, page, undefined)
    assert.isUndefined(cache.get('a', undefined))
    assert.equal(cache.get('c', undefined)?.toString(), page)
  })

  test('the key changes with the minute (Paris pages speak of now to the minute)', async ({
    assert,
  }) => {
    const cache = new PageCache({ enabled: true, maxMegabytes: 1 })
    const user = { $attributes: { id: 1 } } as any
    const key = () => cache.key({ url: '/a', user, locale: 'fr', versions: 'v' })
    const before = key()
    const { Settings } = await import('luxon')
    const later = DateTime.now().setZone(PARIS).plus({ minutes: 1 }).toMillis()
    Settings.now = () => later
    try {
      assert.notEqual(key(), before)
    } finally {
      Settings.now = () => Date.now()
    }
  })
})
