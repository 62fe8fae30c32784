import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CheckSessionSlot, { type SessionSlot } from '#actions/sessions/check_session_slot'
import { buildSchedule, paris } from '#tests/unit/sessions/fixtures'

type Schedule = Awaited<ReturnType<typeof buildSchedule>>

/**
 * A slot of cohort Rouen on Tuesday 1 December 2026.
 */
function slot(schedule: Schedule, values: Partial<SessionSlot> = {}): SessionSlot {
  return {
    cohort: schedule.rouen,
    startsAt: paris(1, '09:00'),
    endsAt: paris(1, '12:30'),
    trainerId: null,
    room: null,
    ...values,
  }
}

const check = (value: SessionSlot) => new CheckSessionSlot().handle(value)

test.group('CheckSessionSlot | trainer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('refuses a trainer in two overlapping sessions, naming the other one', async ({
    assert,
  }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const problems = await check(
      slot(schedule, {
        cohort: schedule.rouen,
        trainerId: schedule.trainer.id,
        startsAt: paris(1, '11:00'),
        endsAt: paris(1, '13:00'),
      })
    )

    assert.deepEqual(problems, [
      {
        field: 'trainer_id',
        message:
          "Julien Lemonnier anime déjà « Remise à niveau maths » de Digit'Elles Elbeuf le mardi 1 décembre de 9 h à 12 h 30.",
      },
    ])
  })

  test('lets another trainer teach at the same time', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    assert.deepEqual(await check(slot(schedule, { trainerId: schedule.otherTrainer.id })), [])
    assert.deepEqual(await check(slot(schedule, { trainerId: null })), [])
  })

  test('touching sessions (9–12 then 12–13) do not clash', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:00'),
    })

    const after = slot(schedule, {
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      startsAt: paris(1, '12:00'),
      endsAt: paris(1, '13:00'),
    })
    assert.deepEqual(await check(after), [])
    const before = { ...after, startsAt: paris(1, '08:00'), endsAt: paris(1, '09:00') }
    assert.deepEqual(await check(before), [])
  })

  test('cancelled sessions do not clash', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      isCancelled: true,
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    assert.deepEqual(
      await check(slot(schedule, { trainerId: schedule.trainer.id, room: 'Salle 1' })),
      []
    )
  })

  test('a session being edited does not clash with itself', async ({ assert }) => {
    const schedule = await buildSchedule()
    const session = await schedule.addSession({
      cohortId: schedule.rouen.id,
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const moved = slot(schedule, {
      sessionId: session.id,
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      startsAt: paris(1, '10:00'),
      endsAt: paris(1, '13:00'),
    })
    assert.deepEqual(await check(moved), [])
  })

  test('a cancelled session being edited is not checked for clashes', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const cancelled = slot(schedule, { trainerId: schedule.trainer.id, isCancelled: true })
    assert.deepEqual(await check(cancelled), [])
  })
})

test.group('CheckSessionSlot | shared trainer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('two sessions of the same cohort: refused without the flag, allowed with it', async ({
    assert,
  }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.rouen.id,
      trainerId: schedule.trainer.id,
      room: 'Salle 1',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })
    const secondGroup = slot(schedule, { trainerId: schedule.trainer.id, room: 'Salle 2' })

    const refused = await check(secondGroup)
    assert.lengthOf(refused, 1)
    assert.equal(refused[0].field, 'trainer_id')
    assert.include(
      refused[0].message,
      "Julien Lemonnier anime déjà « Remise à niveau maths » de Digit'Elles Rouen le mardi 1 décembre de 9 h à 12 h 30."
    )
    assert.include(refused[0].message, 'Le formateur anime les deux groupes ensemble')

    assert.deepEqual(await check({ ...secondGroup, allowSharedTrainer: true }), [])
  })

  test('the flag never allows a session of another cohort', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const problems = await check(
      slot(schedule, { trainerId: schedule.trainer.id, allowSharedTrainer: true })
    )
    assert.lengthOf(problems, 1)
    assert.equal(problems[0].field, 'trainer_id')
    assert.include(problems[0].message, "de Digit'Elles Elbeuf")
  })
})

test.group('CheckSessionSlot | room', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('refuses the same room of the same site, whatever the case and spaces', async ({
    assert,
  }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      room: 'Salle B12',
      startsAt: paris(1, '13:30'),
      endsAt: paris(1, '17:00'),
    })

    const problems = await check(
      slot(schedule, {
        room: '  salle b12 ',
        startsAt: paris(1, '16:00'),
        endsAt: paris(1, '18:00'),
      })
    )
    assert.deepEqual(problems, [
      {
        field: 'room',
        message:
          "La salle « Salle B12 » est déjà prise par « Remise à niveau maths » de Digit'Elles Elbeuf le mardi 1 décembre de 13 h 30 à 17 h.",
      },
    ])
  })

  test('a room of the same name at another site is another room', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.havre.id,
      room: 'Salle B12',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    assert.deepEqual(await check(slot(schedule, { room: 'Salle B12' })), [])
  })

  test('the room of a session of the same cohort clashes too, flag or not', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.rouen.id,
      room: 'Salle B12',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const problems = await check(slot(schedule, { room: 'Salle B12', allowSharedTrainer: true }))
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['room']
    )
  })

  test('a trainer clash and a room clash are both named', async ({ assert }) => {
    const schedule = await buildSchedule()
    await schedule.addSession({
      cohortId: schedule.elbeuf.id,
      trainerId: schedule.trainer.id,
      room: 'Salle B12',
      startsAt: paris(1, '09:00'),
      endsAt: paris(1, '12:30'),
    })

    const problems = await check(
      slot(schedule, { trainerId: schedule.trainer.id, room: 'Salle B12' })
    )
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['trainer_id', 'room']
    )
  })
})

test.group('CheckSessionSlot | times and dates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('refuses an end before the start, and a session of no length', async ({ assert }) => {
    const schedule = await buildSchedule()

    const backwards = await check(
      slot(schedule, { startsAt: paris(1, '12:00'), endsAt: paris(1, '09:00') })
    )
    assert.deepEqual(backwards, [
      { field: 'end_time', message: 'L’heure de fin doit être après l’heure de début.' },
    ])

    const empty = await check(
      slot(schedule, { startsAt: paris(1, '09:00'), endsAt: paris(1, '09:00') })
    )
    assert.equal(empty[0].field, 'end_time')
    assert.include(empty[0].message, 'ne peut pas commencer et finir à la même heure')
  })

  test('refuses a day outside the cohort’s dates, and accepts its first and last days', async ({
    assert,
  }) => {
    const schedule = await buildSchedule()

    const before = await check(
      slot(schedule, { startsAt: paris(30, '09:00', 10), endsAt: paris(30, '12:00', 10) })
    )
    assert.deepEqual(before, [
      {
        field: 'date',
        message:
          'Choisissez une date entre le 2 novembre 2026 et le 29 janvier 2027 : ce sont les dates de la promotion.',
      },
    ])

    const first = slot(schedule, { startsAt: paris(2, '09:00', 11), endsAt: paris(2, '12:00', 11) })
    assert.deepEqual(await check(first), [])
  })
})
