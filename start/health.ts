/*
|--------------------------------------------------------------------------
| Health checks (GET /health)
|--------------------------------------------------------------------------
|
| Database, Redis (when QUEUE_DRIVER=bullmq), the disk holding DRIVE_ROOT,
| the process heap, and jobs left in the outbox. See
| app/controllers/health_checks_controller.ts for what is public.
|
*/

import { existsSync } from 'node:fs'
import { BaseCheck, HealthChecks, DiskSpaceCheck, MemoryHeapCheck } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import queueConfig from '#config/queue'
import { RedisCheck } from '#services/redis_health_check'
import { OutboxCheck } from '#services/outbox_health_check'

/**
 * The disk that holds stored files (DRIVE_ROOT, or the application's
 * folder until the first file creates it), checked once a minute at most.
 */
const driveRoot = app.makePath(env.get('DRIVE_ROOT', 'storage'))
const disk = new DiskSpaceCheck()
  .as('Disk')
  .warnWhenExceeds(85)
  .failWhenExceeds(95)
  .cacheFor('1 minute')
disk.diskPath = existsSync(driveRoot) ? driveRoot : app.makePath()

/**
 * Lucid's DbCheck on the connection as it is at each run (not a client
 * captured at boot, which in tests would be a finished transaction).
 */
class DatabaseCheck extends BaseCheck {
  name = 'Database'
  run() {
    return new DbCheck(db.connection()).run()
  }
}

export const healthChecks = new HealthChecks().register([
  new DatabaseCheck(),
  new RedisCheck(queueConfig),
  disk,
  new MemoryHeapCheck().as('Memory').warnWhenExceeds('700 mb').failWhenExceeds('1 gb'),
  new OutboxCheck(),
])
