import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/*
|--------------------------------------------------------------------------
| Data versions: what the page cache checks before serving a page
|--------------------------------------------------------------------------
|
| `data_versions` holds one version per organisation ("org:12") and one for
| the data shared by all organisations ("global": funders). Database
| triggers give a scope a new version in the same transaction as any
| insert, update or delete of its rows, whatever code wrote them (actions,
| imports, purges, raw SQL): a page cached under the old versions can
| never be served after the write commits.
|
| Versions never repeat, even across rolled-back transactions: a sequence
| on PostgreSQL (sequences ignore rollbacks), a 64-bit random number on
| SQLite.
|
| A new table holding organisation data (an `organization_id` column) gets
| its triggers in its own migration with `createOrganizationVersionTriggers`;
| tests/unit/database/data_versions.spec.ts fails for a table without them.
|
*/

/** Tables with an organisation id whose writes do not change any page. */
export const UNVERSIONED_TABLES = [
  // A page view may itself write one (RQTH reads); no cached page shows them.
  'audit_events',
]

/** Organisation data tables when the triggers were first made (migration 0024). */
export const ORGANIZATION_TABLES = [
  'application_scores',
  'application_status_changes',
  'applications',
  'attendance_alerts',
  'attendance_records',
  'class_sessions',
  'cohort_funders',
  'cohorts',
  'company_contacts',
  'enrollments',
  'export_runs',
  'follow_ups',
  'internships',
  'outcomes',
  'partner_companies',
  'programme_modules',
  'programme_results',
  'programmes',
  'sites',
  'trainees',
  'tutor_evaluations',
  'users',
]

/** Tables shared by every organisation. */
export const GLOBAL_TABLES = ['funders']

const EVENTS = ['insert', 'update', 'delete'] as const

function triggerName(table: string, event: string) {
  return `${table}_data_version_${event}`
}

export function isPostgres(client: QueryClientContract) {
  return client.dialect.name === 'postgres'
}

/**
 * The table, its sequence (PostgreSQL) and the shared trigger functions.
 */
export async function createDataVersions(client: QueryClientContract) {
  await client.schema.createTable('data_versions', (table) => {
    table.string('scope', 64).primary()
    table.string('version', 32).notNullable()
  })
  if (!isPostgres(client)) return
  // `migration:fresh` drops tables only: the sequence and functions may remain.
  await client.rawQuery('create sequence if not exists data_versions_seq')
  // A new version for each scope given (one upsert per statement, not per row).
  await client.rawQuery(`
    create or replace function data_versions_bump(scopes text[]) returns void language sql as $$
      insert into data_versions (scope, version)
        select scope, nextval('data_versions_seq')::text
        from (select distinct unnest(scopes) as scope) touched
        where scope is not null
      on conflict (scope) do update set version = excluded.version
    $$`)
  // The organisations of the statement's rows, read from its transition
  // tables by the column named in the trigger's argument (`organization_id`,
  // or `id` for the organisations themselves).
  await client.rawQuery(`
    create or replace function data_versions_bump_rows() returns trigger language plpgsql as $$
    declare
      scopes text[];
    begin
      if TG_OP = 'UPDATE' then
        execute format('select array(select ''org:'' || %1$I from changed_rows
          union select ''org:'' || %1$I from previous_rows)', TG_ARGV[0]) into scopes;
      else
        execute format('select array(select distinct ''org:'' || %I from changed_rows)', TG_ARGV[0])
          into scopes;
      end if;
      perform data_versions_bump(scopes);
      return null;
    end $$`)
  await client.rawQuery(`
    create or replace function data_versions_bump_global() returns trigger language plpgsql as $$
    begin
      perform data_versions_bump(array['global']);
      return null;
    end $$`)
}

export async function dropDataVersions(client: QueryClientContract) {
  if (isPostgres(client)) {
    await client.rawQuery('drop function if exists data_versions_bump_global()')
    await client.rawQuery('drop function if exists data_versions_bump_rows()')
    await client.rawQuery('drop function if exists data_versions_bump(text[])')
    await client.rawQuery('drop sequence if exists data_versions_seq')
  }
  await client.schema.dropTableIfExists('data_versions')
}

/**
 * Triggers giving a new version to the organisation of every row written
 * in `table` (by its `organization_id`, or its `id` for `organizations`).
 */
export async function createOrganizationVersionTriggers(
  client: QueryClientContract,
  table: string
) {
  const column = table === 'organizations' ? 'id' : 'organization_id'
  if (isPostgres(client)) {
    const referencing = {
      insert: 'new table as changed_rows',
      update: 'old table as previous_rows new table as changed_rows',
      delete: 'old table as changed_rows',
    }
    for (const event of EVENTS) {
      await client.rawQuery(
        `create trigger ${triggerName(table, event)} after ${event} on ${table}
           referencing ${referencing[event]}
           for each statement execute function data_versions_bump_rows('${column}')`
      )
    }
    return
  }
  const bump = (row: 'new' | 'old') =>
    `insert into data_versions (scope, version)
       select 'org:' || ${row}.${column}, cast(random() as text) where ${row}.${column} is not null
       on conflict (scope) do update set version = excluded.version;`
  const bodies = {
    insert: bump('new'),
    update: `${bump('old')} ${bump('new')}`,
    delete: bump('old'),
  }
  for (const event of EVENTS) {
    await client.rawQuery(
      `create trigger ${triggerName(table, event)} after ${event} on ${table}
         for each row begin ${bodies[event]} end`
    )
  }
}

/**
 * Triggers giving the "global" scope a new version on any write of `table`.
 */
export async function createGlobalVersionTriggers(client: QueryClientContract, table: string) {
  for (const event of EVENTS) {
    if (isPostgres(client)) {
      await client.rawQuery(
        `create trigger ${triggerName(table, event)} after ${event} on ${table}
           for each statement execute function data_versions_bump_global()`
      )
    } else {
      await client.rawQuery(
        `create trigger ${triggerName(table, event)} after ${event} on ${table}
           for each row begin
             insert into data_versions (scope, version) values ('global', cast(random() as text))
               on conflict (scope) do update set version = excluded.version;
           end`
      )
    }
  }
}

export async function dropVersionTriggers(client: QueryClientContract, table: string) {
  for (const event of EVENTS) {
    const name = triggerName(table, event)
    await client.rawQuery(
      isPostgres(client)
        ? `drop trigger if exists ${name} on ${table}`
        : `drop trigger if exists ${name}`
    )
  }
}

/**
 * A new version for every organisation and for the shared data, after
 * writes made with the triggers off (a bulk load under
 * `session_replication_role = replica`, say).
 */
export async function bumpAllDataVersions(client: QueryClientContract) {
  const next = isPostgres(client) ? `nextval('data_versions_seq')::text` : 'cast(random() as text)'
  await client.rawQuery(
    `insert into data_versions (scope, version)
       select 'org:' || id, ${next} from organizations where true
       union all select 'global', ${next}
     on conflict (scope) do update set version = excluded.version`
  )
}
