import { test } from '@japa/runner'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import SendDueFollowUpsJob from '#jobs/send_due_follow_ups_job'
import { FOLLOW_UP_SCHEDULER_ID, scheduleFollowUps } from '#jobs/follow_up_schedule'
import { requireService } from '#tests/helpers/services'

/**
 * Against the real Redis, under this helper's own prefix, removed after.
 */
const prefix = 'cohorte-h11'

async function deleteKeys(pattern: string) {
  const { host, port, password } = queueConfig.connection
  const redis = new Redis({ host, port, password })
  try {
    const keys = await redis.keys(pattern)
    if (keys.length) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

test.group('Follow-ups | daily job scheduler (bullmq)', (group) => {
  group.tap(requireService('redis'))

  test('registers one daily run at 9:00 Paris, however often the worker starts', async ({
    assert,
    cleanup,
  }) => {
    const queue = new Queue(queueConfig.queueName, {
      connection: queueConfig.connection,
      prefix,
    })
    cleanup(async () => {
      await queue.obliterate({ force: true })
      await queue.close()
      await deleteKeys(`${prefix}:*`)
    })

    await scheduleFollowUps(queue)
    await scheduleFollowUps(queue)

    const schedulers = await queue.getJobSchedulers()
    assert.lengthOf(schedulers, 1)
    assert.equal(schedulers[0].key, FOLLOW_UP_SCHEDULER_ID)
    assert.equal(schedulers[0].pattern, '0 9 * * *')
    assert.equal(schedulers[0].tz, 'Europe/Paris')
    assert.equal(schedulers[0].name, SendDueFollowUpsJob.jobName)
    assert.equal(schedulers[0].template?.opts?.attempts, 3)

    // The next run is waiting in the queue, under a name the worker knows.
    const delayed = await queue.getDelayed()
    assert.lengthOf(delayed, 1)
    assert.equal(delayed[0].name, 'send-due-follow-ups')
    assert.isTrue(jobs.names().includes(delayed[0].name))
  })
})
