/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Every variable the application reads is validated here. `.env.example`
| documents each of them.
|
*/

import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),

  /*
  |----------------------------------------------------------
  | Session
  |----------------------------------------------------------
  */
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Database: sqlite (default, file under tmp/) or pg
  |----------------------------------------------------------
  */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Page cache (app/services/page_cache.ts): on unless "false";
  | PAGE_CACHE_MB bounds its memory per web process
  |----------------------------------------------------------
  */
  PAGE_CACHE: Env.schema.boolean.optional(),
  PAGE_CACHE_MB: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Jobs: "sync" runs jobs in-process, "bullmq" needs Redis
  |----------------------------------------------------------
  */
  QUEUE_DRIVER: Env.schema.enum.optional(['sync', 'bullmq'] as const),
  QUEUE_PREFIX: Env.schema.string.optional(),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  // Stalled-job detection of the worker, in ms (config/queue.ts)
  QUEUE_LOCK_DURATION: Env.schema.number.optional(),
  QUEUE_STALLED_INTERVAL: Env.schema.number.optional(),

  /*
  |----------------------------------------------------------
  | Mail: "file" stores messages under tmp/mails, "smtp" sends
  |----------------------------------------------------------
  */
  MAIL_MAILER: Env.schema.enum.optional(['file', 'smtp'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | Rate limiting store
  |----------------------------------------------------------
  */
  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),

  /*
  |----------------------------------------------------------
  | Files (absence proofs, signed agreements, exports): stored on the
  | local disk under DRIVE_ROOT (default storage/), or in a private
  | S3-compatible bucket (DRIVE_DISK=s3), never served directly
  |----------------------------------------------------------
  */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  DRIVE_ROOT: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_FORCE_PATH_STYLE: Env.schema.boolean.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  MAILBOX_DIR: Env.schema.string.optional(),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /*
  |----------------------------------------------------------
  | `npm run bench` only: count each request's SQL queries
  |----------------------------------------------------------
  */
  BENCH_QUERY_COUNT: Env.schema.boolean.optional(),
})
