import { Redis } from 'ioredis'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import type { QueueConfig } from '#services/dispatcher'

/**
 * PINGs Redis on a short-lived connection that neither retries nor queues:
 * resolves with the answer, or rejects within about `timeout` ms.
 */
export async function pingRedis(
  connection: { host: string; port: number; password?: string },
  timeout: number
) {
  const client = new Redis({
    ...connection,
    lazyConnect: true,
    connectTimeout: timeout,
    commandTimeout: timeout,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return await client.ping()
  } finally {
    client.disconnect()
  }
}

/**
 * Redis answers PING within a second (QUEUE_DRIVER=bullmq). With the sync
 * driver Redis is not used: the check says so and passes. A short-lived
 * connection each time, so a Redis that comes back is seen at once.
 */
export class RedisCheck extends BaseCheck {
  name = 'Redis'

  constructor(
    protected config: Pick<QueueConfig, 'driver' | 'connection'>,
    protected timeout = 1000
  ) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    if (this.config.driver !== 'bullmq') {
      return Result.ok('Not used (QUEUE_DRIVER=sync)').mergeMetaData({ used: false })
    }
    const { host, port, password } = this.config.connection
    try {
      await pingRedis({ host, port, password }, this.timeout)
      return Result.ok('Redis answers').mergeMetaData({ used: true })
    } catch (error) {
      return Result.failed('Redis does not answer', error as Error).mergeMetaData({ used: true })
    }
  }
}
