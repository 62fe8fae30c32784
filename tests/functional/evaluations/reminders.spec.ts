import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import testUtils from '@adonisjs/core/services/test_utils'
import queueConfig from '#config/queue'
import jobs from '#jobs/registry'
import { Dispatcher, type QueueConfig } from '#services/dispatcher'
import TutorEvaluation from '#models/tutor_evaluation'
import SendTutorEvaluationReminders from '#actions/tutor_evaluations/send_tutor_evaluation_reminders'
import { reminderRunAt } from '#actions/tutor_evaluations/tutor_evaluation_link'
import { requireService } from '#tests/helpers/services'
import { buildWorld } from '#tests/helpers/world'
import {
  VALID_ANSWERS,
  backdateSending,
  endedInternship,
  linkMailedTo,
  mailsTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'

async function remindCommand() {
  const ace = await app.container.make('ace')
  const command = await ace.exec('evaluations:remind', [])
  return command.exitCode
}

async function reminders(email: string) {
  const mails = await mailsTo(email)
  return mails.filter((mail) => mail.subject!.startsWith('Rappel :'))
}

test.group('Tutor evaluation | reminders with the sync driver (cron)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at D+3 `node ace evaluations:remind` sends the first reminder, once', async ({
    assert,
  }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 3)
    const evaluation = await sendRequest(world.own, internship)
    await backdateSending(evaluation, 5)
    const link = await linkMailedTo(email)

    assert.equal(await remindCommand(), 0)
    assert.equal(await remindCommand(), 0)

    const sent = await reminders(email)
    assert.lengthOf(sent, 1)
    assert.include(sent[0].text!, 'Nous n’avons pas encore reçu votre avis.')
    assert.equal(await linkMailedTo(email), link)
    const stored = await TutorEvaluation.findOrFail(evaluation.id)
    assert.isNotNull(stored.reminder3SentAt)
    assert.isNull(stored.reminder10SentAt)
  })

  test('at D+10 the second reminder goes, the first not again', async ({ assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 10)
    const evaluation = await sendRequest(world.own, internship)
    await backdateSending(evaluation, 12)

    await remindCommand()
    await remindCommand()
    // Both were due and neither had gone: each goes once.
    assert.lengthOf(await reminders(email), 2)
    const stored = await TutorEvaluation.findOrFail(evaluation.id)
    assert.isNotNull(stored.reminder3SentAt)
    assert.isNotNull(stored.reminder10SentAt)
  })

  test('nothing before D+3, nor for a request sent after the reminder day', async ({ assert }) => {
    const world = await buildWorld()
    const early = await endedInternship(world.own, 2)
    const evaluation = await sendRequest(world.own, early.internship)
    await backdateSending(evaluation, 4)
    await remindCommand()
    assert.lengthOf(await reminders(early.email), 0)

    // Sent today, at D+5: the D+3 reminder would repeat fresh news.
    const late = await endedInternship(world.other, 5)
    await sendRequest(world.other, late.internship)
    await remindCommand()
    assert.lengthOf(await reminders(late.email), 0)
  })

  test('no reminder once the tutor has answered', async ({ client, assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 3)
    const evaluation = await sendRequest(world.own, internship)
    await backdateSending(evaluation, 5)
    await client
      .post(await linkMailedTo(email))
      .form(VALID_ANSWERS)
      .withCsrfToken()

    await remindCommand()
    assert.lengthOf(await reminders(email), 0)
    // A reminder queued long ago checks again when it runs.
    assert.isFalse(await new SendTutorEvaluationReminders().remind(evaluation.id, 3))
    assert.lengthOf(await reminders(email), 0)
  })

  test('no reminder after the link expired', async ({ assert }) => {
    const world = await buildWorld()
    const { internship, email } = await endedInternship(world.own, 10)
    const evaluation = await sendRequest(world.own, internship)
    await backdateSending(evaluation, 12)
    evaluation.expiresAt = evaluation.sentAt.minus({ days: 1 })
    await evaluation.save()

    await remindCommand()
    assert.lengthOf(await reminders(email), 0)
  })
})

/**
 * Against the real Redis, under this helper's own prefix, removed after.
 */
const prefix = `cohorte-h9-${process.pid}`
const config: QueueConfig = { ...queueConfig, driver: 'bullmq', prefix }

async function deleteKeys(pattern: string) {
  const { host, port, password } = config.connection
  const redis = new Redis({ host, port, password })
  try {
    const keys = await redis.keys(pattern)
    if (keys.length) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

test.group('Tutor evaluation | reminders with the bullmq driver', (group) => {
  group.tap(requireService('redis'))
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sending the request queues the D+3 and D+10 reminders, delayed', async ({
    assert,
    cleanup,
  }) => {
    const dispatcher = new Dispatcher(config, jobs, app.container, logger)
    cleanup(async () => {
      await dispatcher.queue().obliterate({ force: true })
      await dispatcher.close()
      await deleteKeys(`${prefix}:*`)
    })
    const world = await buildWorld()
    // Ends tomorrow: both reminders are ahead.
    const { internship, email } = await endedInternship(world.own, -1)
    const evaluation = await sendRequest(world.own, internship, dispatcher)
    // The request itself went at once (the app's own dispatcher is sync).
    assert.lengthOf(await mailsTo(email), 1)

    const delayed = await dispatcher.queue().getDelayed()
    const queued = delayed
      .map((job) => ({ name: job.name, data: job.data, runsAt: job.timestamp + job.delay }))
      .sort((a, b) => a.data.day - b.data.day)
    assert.deepEqual(
      queued.map(({ name, data }) => ({ name, data })),
      [
        { name: 'send-tutor-evaluation-reminders', data: { evaluationId: evaluation.id, day: 3 } },
        { name: 'send-tutor-evaluation-reminders', data: { evaluationId: evaluation.id, day: 10 } },
      ]
    )
    for (const [index, day] of ([3, 10] as const).entries()) {
      const expected = reminderRunAt(internship.endsOn, day).toMillis()
      assert.closeTo(queued[index].runsAt, expected, 5_000)
    }
  })

  test('with bullmq, nothing runs now: reminders wait in Redis', async ({ assert, cleanup }) => {
    const dispatcher = new Dispatcher(config, jobs, app.container, logger)
    cleanup(async () => {
      await dispatcher.queue().obliterate({ force: true })
      await dispatcher.close()
      await deleteKeys(`${prefix}:*`)
    })
    const world = await buildWorld()
    // Ended 5 days ago: D+3 is past (skipped), D+10 is ahead.
    const { internship, email } = await endedInternship(world.own, 5)
    await sendRequest(world.own, internship, dispatcher)
    const delayed = await dispatcher.queue().getDelayed()
    assert.deepEqual(
      delayed.map((job) => job.data.day),
      [10]
    )
    assert.lengthOf(await reminders(email), 0)
  })
})
