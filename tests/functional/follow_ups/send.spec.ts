import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import dispatcher from '#services/dispatcher'
import FollowUp from '#models/follow_up'
import SendDueFollowUpsJob from '#jobs/send_due_follow_ups_job'
import SendDueFollowUps from '#actions/follow_ups/send_due_follow_ups'
import { hashFollowUpToken } from '#actions/follow_ups/follow_up_link'
import { buildWorld } from '#tests/helpers/world'
import {
  exitEnrollment,
  mailsTo,
  tokenIn,
  uniqueAddress,
} from '#tests/functional/follow_ups/fixtures'

test.group('Follow-ups | sending due ones', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a due follow-up of an ended enrollment is emailed once, with a working link', async ({
    assert,
    client,
  }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    const followUps = await exitEnrollment(own, 3)

    const result = await dispatcher.dispatch(SendDueFollowUpsJob, {})
    assert.equal(result.driver === 'sync' && result.status, 'completed')

    const mails = await mailsTo(email)
    assert.lengthOf(mails, 1)
    assert.equal(mails[0].subject, 'Que devenez-vous depuis la formation ?')
    assert.include(mails[0].text!, 'Promotion alpha')
    assert.include(mails[0].text!, 'il y a 3 mois')

    const m3 = await FollowUp.findOrFail(followUps.m3.id)
    assert.equal(m3.status, 'sent')
    assert.isNotNull(m3.sentAt)
    const token = tokenIn(mails[0].text!)!
    assert.equal(m3.tokenHash, hashFollowUpToken(token))
    assert.notInclude(JSON.stringify(m3.toJSON()), token)
    assert.isTrue(m3.tokenExpiresAt! > DateTime.utc().plus({ days: 29 }))

    // +6 and +12 are not due yet.
    const later = await FollowUp.query().whereIn('id', [followUps.m6.id, followUps.m12.id])
    assert.deepEqual(
      later.map((followUp) => followUp.status),
      ['due', 'due']
    )

    const page = await client.get(`/ma-situation/${token}`)
    page.assertStatus(200)
    page.assertTextIncludes('Aujourd’hui, vous êtes :')
  })

  test('running the job twice, or two runs at once, sends one email', async ({ assert }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    await exitEnrollment(own, 3)

    await dispatcher.dispatch(SendDueFollowUpsJob, {})
    await dispatcher.dispatch(SendDueFollowUpsJob, {})
    const results = await Promise.all([
      new SendDueFollowUps().handle(),
      new SendDueFollowUps().handle(),
    ])

    assert.lengthOf(await mailsTo(email), 1)
    assert.deepEqual(
      results.map((result) => result.sent),
      [0, 0]
    )
  })

  test('`node ace followups:run` sends the due ones, and again sends nothing more', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    await exitEnrollment(own, 3)

    const ace = await app.container.make('ace')
    const first = await ace.exec('followups:run', [])
    const second = await ace.exec('followups:run', [])

    assert.equal(first.exitCode, 0)
    assert.equal(second.exitCode, 0)
    assert.lengthOf(await mailsTo(email), 1)
  })

  test('one reminder 7 days later, with the same link, never twice', async ({ assert, client }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    const { m3 } = await exitEnrollment(own, 3)
    await new SendDueFollowUps().handle()

    // 6 days later: too early.
    await new SendDueFollowUps().handle({ now: DateTime.utc().plus({ days: 6 }) })
    assert.lengthOf(await mailsTo(email), 1)

    const eightDaysLater = DateTime.utc().plus({ days: 8 })
    const first = await new SendDueFollowUps().handle({ now: eightDaysLater })
    const second = await new SendDueFollowUps().handle({ now: eightDaysLater.plus({ hours: 1 }) })
    assert.equal(first.reminded, 1)
    assert.equal(second.reminded, 0)

    const mails = await mailsTo(email)
    assert.lengthOf(mails, 2)
    assert.equal(mails[1].subject, 'Rappel : que devenez-vous depuis la formation ?')
    assert.include(mails[1].text!, 'Petit rappel')
    assert.equal(tokenIn(mails[1].text!), tokenIn(mails[0].text!))

    await m3.refresh()
    assert.equal(m3.status, 'sent')
    assert.isNotNull(m3.remindedAt)
    assert.isTrue(m3.tokenExpiresAt! > eightDaysLater.plus({ days: 29 }))

    const page = await client.get(`/ma-situation/${tokenIn(mails[1].text!)}`)
    page.assertStatus(200)
  })

  test('still unanswered 7 days after the reminder: on the call list, no more email', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    const { m3 } = await exitEnrollment(own, 3)
    await new SendDueFollowUps().handle()
    await new SendDueFollowUps().handle({ now: DateTime.utc().plus({ days: 8 }) })

    const result = await new SendDueFollowUps().handle({ now: DateTime.utc().plus({ days: 16 }) })
    assert.equal(result.toCall, 1)
    await m3.refresh()
    assert.equal(m3.status, 'to_call')
    assert.isNull(m3.answeredAt)

    await new SendDueFollowUps().handle({ now: DateTime.utc().plus({ days: 30 }) })
    assert.lengthOf(await mailsTo(email), 2)
  })

  test('an enrollment still in training is never emailed, even with a follow-up due', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    const email = await uniqueAddress(own)
    const followUp = await FollowUp.create({
      organizationId: own.organization.id,
      enrollmentId: own.enrollment.id,
      checkpoint: 'm3',
      dueOn: DateTime.utc().minus({ days: 10 }),
      status: 'due',
    })

    const result = await new SendDueFollowUps().handle()

    assert.deepEqual(result, { sent: 0, reminded: 0, toCall: 0 })
    assert.lengthOf(await mailsTo(email), 0)
    await followUp.refresh()
    assert.equal(followUp.status, 'due')
    assert.isNull(followUp.sentAt)
    assert.isNull(followUp.tokenHash)
  })

  test('without an email address, the follow-up goes straight to the call list', async ({
    assert,
  }) => {
    const { own } = await buildWorld()
    own.trainee.email = null
    await own.trainee.save()
    own.trainee.userId = null
    await own.trainee.save()
    const { m3 } = await exitEnrollment(own, 3)

    const result = await new SendDueFollowUps().handle()

    assert.equal(result.sent, 0)
    await m3.refresh()
    assert.equal(m3.status, 'to_call')
  })
})
