/*
|--------------------------------------------------------------------------
| Services a test needs
|--------------------------------------------------------------------------
|
| A test that needs Redis, PostgreSQL or Chromium is SKIPPED, with the
| reason printed, when the service is absent on a developer's machine, and
| FAILS when the CI environment variable is set (.ci/run starts them all):
|
|   test.group('Dispatcher | bullmq', (group) => {
|     group.tap(requireService('redis'))
|   })
|
|   requireService('postgres')(test('…', async () => { … }))
|
*/

import { existsSync } from 'node:fs'
import { Socket } from 'node:net'
import { pingRedis } from '#services/redis_health_check'
import type { Test } from '@japa/runner/core'
import env from '#start/env'

export type ServiceName = 'redis' | 'redis-server' | 'postgres' | 'chromium'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * The redis-server binary, for tests that start and stop a Redis of their
 * own (tests/helpers/private_redis.ts).
 */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) =>
  existsSync(path)
)

export const inCI = () => Boolean(process.env.CI)

const redisOptions = () => ({
  host: env.get('REDIS_HOST', '127.0.0.1'),
  port: env.get('REDIS_PORT', 6379),
  password: env.get('REDIS_PASSWORD') || undefined,
})

const postgresOptions = () => ({
  host: env.get('DB_HOST', '127.0.0.1'),
  port: env.get('DB_PORT', 5432),
})

/**
 * A Redis answers PING within `timeout` ms (the configured one by default).
 */
export async function redisAnswers(
  connection: { host: string; port: number; password?: string } = redisOptions(),
  timeout = 1000
): Promise<boolean> {
  try {
    return (await pingRedis(connection, timeout)) === 'PONG'
  } catch {
    return false
  }
}

/**
 * PostgreSQL accepts a TCP connection within a second (wrong credentials
 * are not an absent service: those tests fail, and say why).
 */
export function postgresAvailable(): Promise<boolean> {
  const { host, port } = postgresOptions()
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (available: boolean) => {
      socket.destroy()
      resolve(available)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.connect(port, host, () => done(true))
  })
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH)
}

/**
 * Why a test cannot run, and how to fix it.
 */
export function absenceReason(name: ServiceName): string {
  switch (name) {
    case 'redis': {
      const { host, port } = redisOptions()
      return `Redis absent on ${host}:${port}: start it with \`redis-server --daemonize yes\` (or set REDIS_HOST/REDIS_PORT)`
    }
    case 'postgres': {
      const { host, port } = postgresOptions()
      return `PostgreSQL absent on ${host}:${port}: start it with \`service postgresql start\` (or set DB_HOST/DB_PORT)`
    }
    case 'redis-server':
      return 'redis-server is not installed: `apt-get install -y redis-server`'
    case 'chromium':
      return `Chromium absent at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``
  }
}

const checks: Record<ServiceName, () => Promise<boolean> | boolean> = {
  'redis': () => redisAnswers(),
  'redis-server': () => Boolean(REDIS_SERVER),
  'postgres': postgresAvailable,
  'chromium': chromiumAvailable,
}
const known = new Map<ServiceName, Promise<boolean>>()

/**
 * Whether the service is there, asked once per run.
 */
export function serviceAvailable(name: ServiceName): Promise<boolean> {
  if (!known.has(name)) {
    known.set(name, Promise.resolve(checks[name]()))
  }
  return known.get(name)!
}

/**
 * Skips the test when the service is absent, or fails it under CI.
 */
export function requireService(name: ServiceName) {
  const reason = absenceReason(name)
  return (test: Test<any>) => {
    test.skip(async () => !inCI() && !(await serviceAvailable(name)), reason)
    test.setup(async () => {
      if (!(await serviceAvailable(name))) {
        throw new Error(`${reason} (CI is set, so a missing service fails the run)`)
      }
    })
  }
}
