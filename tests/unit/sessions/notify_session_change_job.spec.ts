import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Trainee from '#models/trainee'
import Enrollment from '#models/enrollment'
import type { EnrollmentStatus } from '#enums/enrollment_status'
import dispatcher from '#services/dispatcher'
import mailbox from '#services/mailbox'
import NotifySessionChangeJob from '#jobs/notify_session_change_job'
import { buildSchedule, paris } from '#tests/unit/sessions/fixtures'

test.group('NotifySessionChangeJob', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('emails each enrolled or active trainee with an address, in plain French', async ({
    assert,
  }) => {
    const schedule = await buildSchedule()
    const session = await schedule.addSession({
      cohortId: schedule.rouen.id,
      trainerId: schedule.trainer.id,
      room: 'Salle B12',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
      publishedAt: DateTime.now(),
    })
    const enrol = async (status: EnrollmentStatus, email: string | null) => {
      const trainee = await Trainee.create({
        organizationId: schedule.organization.id,
        firstName: 'Awa',
        lastName: status,
        email,
      })
      await Enrollment.create({
        organizationId: schedule.organization.id,
        cohortId: schedule.rouen.id,
        traineeId: trainee.id,
        status,
        startsOn: schedule.rouen.startsOn,
      })
    }
    const address = (key: string) => `${key}.${randomUUID()}@exemple.test`
    const enrolled = address('enrolled')
    const active = address('active')
    const dropped = address('dropped')
    await enrol('enrolled', enrolled)
    await enrol('active', active)
    await enrol('dropped_out', dropped)
    await enrol('active', null)

    const result = await dispatcher.dispatch(NotifySessionChangeJob, { sessionId: session.id })

    assert.deepInclude(result, { driver: 'sync', status: 'completed' })
    const mail = await mailbox.latestTo(active)
    assert.equal(mail?.subject, 'Une séance de votre planning a changé')
    assert.equal(
      mail!.text!.trim(),
      [
        'Bonjour Awa active,',
        '',
        'Votre séance « Remise à niveau maths » a changé.',
        'Quand : le mardi 1 décembre de 9 h à 12 h 30.',
        'Où : Centre de Rouen, salle Salle B12.',
        'Avec : Julien Lemonnier.',
        '',
        'Regardez votre planning :',
        mail!.text!.trim().split('\n').at(-1),
      ].join('\n')
    )
    assert.match(mail!.text!.trim().split('\n').at(-1)!, /^https?:\/\/.+\/mon-planning$/)
    assert.isNotNull(await mailbox.latestTo(enrolled))
    assert.isNull(await mailbox.latestTo(dropped))
  })

  test('a session that no longer exists tells nobody and does not fail', async ({ assert }) => {
    const result = await dispatcher.dispatch(NotifySessionChangeJob, { sessionId: 999_999 })
    assert.deepInclude(result, { driver: 'sync', status: 'completed' })
  })
})
