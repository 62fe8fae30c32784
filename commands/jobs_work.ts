import { getHeapStatistics } from 'node:v8'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Runs queued jobs (QUEUE_DRIVER=bullmq) until SIGTERM or SIGINT, then
 * lets the running jobs finish and closes the Redis connections. It also
 * relays the job outbox (jobs dispatched while Redis was away) at start
 * and every few seconds.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = 'Run the background jobs worker (BullMQ on Redis)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'How many jobs run at the same time', default: 5 })
  declare concurrency: number

  async run() {
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      this.logger.error('--concurrency must be a whole number of at least 1')
      this.exitCode = 1
      return this.app.terminate()
    }

    const { default: logger } = await import('@adonisjs/core/services/logger')
    const { default: dispatcher } = await import('#services/dispatcher')
    const { createWorker } = await import('#jobs/worker')
    const { config, registry } = dispatcher

    if (config.driver === 'sync') {
      this.logger.warning(
        'QUEUE_DRIVER is "sync": the web process runs its jobs itself and sends none here. ' +
          'Set QUEUE_DRIVER=bullmq where jobs are dispatched.'
      )
    }

    const worker = createWorker({
      config,
      registry,
      container: this.app.container,
      logger,
      concurrency: this.concurrency,
    })

    let relayTimer: NodeJS.Timeout | undefined
    let relaying: Promise<void> | undefined
    const relay = () => {
      relaying ??= dispatcher
        .relayOutbox()
        .then(({ sent }) => {
          if (sent) logger.info({ sent }, 'outbox relayed to Redis')
        })
        .catch((error) => logger.warn({ err: error }, 'outbox relay failed, will retry'))
        .finally(() => (relaying = undefined))
      return relaying
    }

    this.app.terminating(async () => {
      this.logger.info('Stopping: waiting for running jobs to finish')
      clearInterval(relayTimer)
      await relaying
      await worker.close()
      await dispatcher.close()
    })
    this.app.listenIf(!this.app.managedByPm2, 'SIGINT', () => this.app.terminate())

    await worker.waitUntilReady()
    const { scheduleFollowUps } = await import('#jobs/follow_up_schedule')
    await scheduleFollowUps(dispatcher.queue())
    if (config.driver === 'bullmq') {
      await relay()
      relayTimer = setInterval(relay, config.outbox.relayInterval)
    }
    // The heap cap `npm run worker` gives (--max-old-space-size), or Node's default.
    const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024)
    this.logger.info(
      `Worker on queue "${config.queueName}" (prefix "${config.prefix}", Redis ` +
        `${config.connection.host}:${config.connection.port}), concurrency ${this.concurrency}, ` +
        `heap limit ${heapMb} MB, jobs: ${registry.names().join(', ')}`
    )
  }
}
