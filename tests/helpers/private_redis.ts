/*
|--------------------------------------------------------------------------
| A Redis of the test's own, to stop and start
|--------------------------------------------------------------------------
|
| Fault tests stop Redis: never the shared one. They start a private
| `redis-server` on FAULTS_REDIS_PORT (6395 by default), without
| persistence, and stop it with SHUTDOWN NOSAVE. Without the redis-server
| binary the tests are skipped with the reason, or fail under CI.
|
*/

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import queueConfig from '#config/queue'
import type { QueueConfig } from '#services/dispatcher'
import { REDIS_SERVER, redisAnswers as answers, requireService } from '#tests/helpers/services'

const run = promisify(execFile)

export const PRIVATE_REDIS_PORT = Number(process.env.FAULTS_REDIS_PORT ?? 6395)

/**
 * Skips the test without a redis-server binary (fails it under CI).
 */
export const requireRedisServer = () => requireService('redis-server')

function client(port = PRIVATE_REDIS_PORT) {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  return redis
}

export function redisAnswers(port = PRIVATE_REDIS_PORT) {
  return answers({ host: '127.0.0.1', port }, 500)
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeout = 10_000) {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} after ${timeout} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Starts the private Redis (empty: no persistence) and waits for PING.
 */
export async function startPrivateRedis(port = PRIVATE_REDIS_PORT) {
  if (await redisAnswers(port)) return
  await run(REDIS_SERVER!, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
  ])
  await waitFor(() => redisAnswers(port), `Redis on ${port} did not start`)
}

/**
 * Stops the private Redis and waits until it no longer answers.
 */
export async function stopPrivateRedis(port = PRIVATE_REDIS_PORT) {
  const redis = client(port)
  try {
    await redis.connect()
    await redis.shutdown('NOSAVE').catch(() => {})
  } catch {
    // Already stopped.
  } finally {
    redis.disconnect()
  }
  await waitFor(async () => !(await redisAnswers(port)), `Redis on ${port} did not stop`)
}

/**
 * The queue settings for the private Redis, under a prefix of its own.
 */
export function privateQueueConfig(prefix: string, port = PRIVATE_REDIS_PORT): QueueConfig {
  return {
    ...queueConfig,
    driver: 'bullmq',
    prefix,
    connection: { ...queueConfig.connection, host: '127.0.0.1', port, password: undefined },
  }
}
