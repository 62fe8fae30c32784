import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import pg from 'pg'

/**
 * PostgreSQL DATE columns are read as 'yyyy-MM-dd' strings, as on SQLite:
 * the driver's default turns them into midnight in the server's time zone,
 * which shifts a day away from UTC.
 */
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)

/**
 * SQLite is the embedded default (one machine, nothing to install);
 * PostgreSQL is the production database. Tests use their own database
 * on either, never the demo's.
 */
const inTest = app.inTest
const sqlitePath = env.get('SQLITE_PATH', inTest ? 'tmp/test.sqlite3' : 'tmp/db.sqlite3')

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: app.makePath(sqlitePath),
      },
      useNullAsDefault: true,
      pool: {
        /**
         * SQLite leaves foreign keys unchecked unless asked, per connection.
         */
        afterCreate: (connection: { pragma(source: string): unknown }, done: Function) => {
          connection.pragma('foreign_keys = ON')
          done(null, connection)
        },
      },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 5432),
        user: env.get('DB_USER', 'postgres'),
        password: env.get('DB_PASSWORD'),
        database: env.get('DB_DATABASE', inTest ? 'cohorte_test' : 'cohorte'),
      },
      /**
       * Connections each process keeps open: web processes × DB_POOL_MAX
       * (plus workers × theirs) must stay under PostgreSQL's max_connections.
       */
      pool: { max: env.get('DB_POOL_MAX', 10) },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
    },
  },
})

export default dbConfig
