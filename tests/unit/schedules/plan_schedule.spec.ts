import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  planSchedule,
  ScheduleError,
  type ModuleToPlan,
  type PlanInput,
  type PlannedSession,
  type WeeklySlot,
} from '#actions/schedules/plan_schedule'
import { holidaysBetween } from '#services/holidays'

const PARIS = 'Europe/Paris'

/**
 * Monday to Thursday 9:00–12:30 and 13:30–17:00, Friday 9:00–12:30:
 * 31.5 hours a week.
 */
const STANDARD: WeeklySlot[] = [
  ...[1, 2, 3, 4].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:30' },
    { weekday, start: '13:30', end: '17:00' },
  ]),
  { weekday: 5, start: '09:00', end: '12:30' },
]

const DIGIT_ELLES: ModuleToPlan[] = [
  { id: 1, title: 'Numérique', plannedHours: 150, location: 'centre' },
  { id: 2, title: 'Français', plannedHours: 60.5, location: 'centre' },
  { id: 3, title: 'Mathématiques', plannedHours: 40.25, location: 'centre' },
  { id: 4, title: 'Visites d’entreprises', plannedHours: 14, location: 'centre' },
  { id: 5, title: 'Stage', plannedHours: 105, location: 'company' },
  { id: 6, title: 'Savoir-être', plannedHours: 30.25, location: 'centre' },
]

function plan(
  overrides: Partial<PlanInput> & Pick<PlanInput, 'startsOn' | 'endsOn'>,
  department = '76'
) {
  return planSchedule({
    pattern: STANDARD,
    modules: DIGIT_ELLES,
    holidays: holidaysBetween(department, overrides.startsOn, overrides.endsOn),
    ...overrides,
  })
}

function dates(sessions: PlannedSession[]) {
  return new Set(sessions.map((session) => session.startsAt.setZone(PARIS).toISODate()))
}

function minutesByModule(sessions: PlannedSession[]) {
  const minutes = new Map<number, number>()
  for (const session of sessions) {
    const duration = session.endsAt.diff(session.startsAt, 'minutes').minutes
    minutes.set(session.moduleId, (minutes.get(session.moduleId) ?? 0) + duration)
  }
  return minutes
}

function refusal(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (error instanceof ScheduleError) return error
    throw error
  }
  throw new Error('the plan was not refused')
}

test.group('Schedule generator: holidays', () => {
  test('the public holidays of spring 2026 get no session', ({ assert }) => {
    const result = plan({ startsOn: '2026-03-30', endsOn: '2026-07-31' })
    const days = dates(result.sessions)
    for (const holiday of ['2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25']) {
      assert.isFalse(days.has(holiday), holiday)
    }
    assert.isTrue(days.has('2026-04-07'))
    assert.includeMembers(
      result.skippedHolidays.map((holiday) => holiday.date),
      ['2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25']
    )
    assert.equal(
      result.skippedHolidays.find((holiday) => holiday.date === '2026-05-14')?.name,
      'Ascension'
    )
  })

  test('the public holidays of spring 2027 get no session', ({ assert }) => {
    const result = plan({ startsOn: '2027-03-22', endsOn: '2027-07-30' })
    const days = dates(result.sessions)
    for (const holiday of ['2027-03-29', '2027-05-06', '2027-05-17']) {
      assert.isFalse(days.has(holiday), holiday)
    }
    assert.isTrue(days.has('2027-03-30'))
    assert.isTrue(days.has('2027-05-07'))
  })

  test('an Alsace-Moselle site skips Good Friday and 26 December, a Normandy one does not', ({
    assert,
  }) => {
    const spring = { startsOn: '2026-03-30', endsOn: '2026-07-31' }
    assert.isFalse(dates(plan(spring, '67').sessions).has('2026-04-03'))
    assert.isTrue(dates(plan(spring, '76').sessions).has('2026-04-03'))

    const withSaturdays = {
      startsOn: '2026-12-21',
      endsOn: '2027-01-09',
      pattern: [{ weekday: 6, start: '09:00', end: '12:00' }],
      modules: [{ id: 1, title: 'Numérique', plannedHours: 3, location: 'centre' as const }],
    }
    const alsace = plan(withSaturdays, '67')
    assert.deepEqual([...dates(alsace.sessions)], ['2027-01-02'])
    assert.deepEqual(alsace.skippedHolidays, [{ date: '2026-12-26', name: 'Lendemain de Noël' }])
    assert.deepEqual([...dates(plan(withSaturdays, '76').sessions)], ['2026-12-26'])
  })

  test('closures are skipped, both ends included', ({ assert }) => {
    const result = plan({
      startsOn: '2026-09-07',
      endsOn: '2027-01-29',
      closures: [{ from: '2026-10-19', to: '2026-10-30' }],
    })
    const days = dates(result.sessions)
    assert.isFalse(days.has('2026-10-19'))
    assert.isFalse(days.has('2026-10-30'))
    assert.isTrue(days.has('2026-10-16'))
    assert.isTrue(days.has('2026-11-02'))
    assert.includeMembers(result.closedDays, ['2026-10-19', '2026-10-30'])
  })
})

test.group('Schedule generator: hours', () => {
  test('each module gets exactly its planned hours, in curriculum order', ({ assert }) => {
    const result = plan({ startsOn: '2026-09-07', endsOn: '2027-01-29' })
    const minutes = minutesByModule(result.sessions)
    for (const module of DIGIT_ELLES) {
      assert.equal(minutes.get(module.id), Math.round(module.plannedHours * 60), module.title)
    }
    for (const tally of result.modules) {
      assert.equal(tally.scheduledMinutes, tally.plannedMinutes, tally.title)
    }
    const order = result.sessions.map((session) => session.moduleId)
    assert.deepEqual(
      order.filter((id, index) => index === 0 || order[index - 1] !== id),
      [1, 2, 3, 4, 5, 6]
    )
    for (let i = 1; i < result.sessions.length; i++) {
      assert.isTrue(result.sessions[i].startsAt >= result.sessions[i - 1].endsAt, 'no overlap')
    }
  })

  test('a slot is split between two in-centre modules; a change of place starts a new slot', ({
    assert,
  }) => {
    const result = plan({
      startsOn: '2026-09-07',
      endsOn: '2026-09-30',
      modules: [
        { id: 1, title: 'Numérique', plannedHours: 5, location: 'centre' },
        { id: 2, title: 'Français', plannedHours: 3, location: 'centre' },
        { id: 3, title: 'Stage', plannedHours: 7, location: 'company' },
      ],
    })
    const shown = result.sessions.map((session) => [
      session.moduleId,
      session.startsAt.setZone(PARIS).toFormat('yyyy-MM-dd HH:mm'),
      session.endsAt.setZone(PARIS).toFormat('HH:mm'),
      session.inCompany,
    ])
    assert.deepEqual(shown, [
      [1, '2026-09-07 09:00', '12:30', false],
      [1, '2026-09-07 13:30', '15:00', false],
      [2, '2026-09-07 15:00', '17:00', false],
      [2, '2026-09-08 09:00', '10:00', false],
      [3, '2026-09-08 13:30', '17:00', true],
      [3, '2026-09-09 09:00', '12:30', true],
    ])
  })

  test('Paris time is kept across the change to summer time', ({ assert }) => {
    const result = plan({
      startsOn: '2026-03-27',
      endsOn: '2026-03-30',
      modules: [{ id: 1, title: 'Numérique', plannedHours: 7, location: 'centre' }],
    })
    assert.deepEqual(
      result.sessions.map((session) => session.startsAt.toUTC().toISO()),
      ['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']
    )
  })

  test('hours already done count, and no session before now nor over a kept one', ({ assert }) => {
    const notBefore = DateTime.fromISO('2026-09-08T10:00', { zone: PARIS })
    const kept = {
      startsAt: DateTime.fromISO('2026-09-09T09:00', { zone: PARIS }),
      endsAt: DateTime.fromISO('2026-09-09T12:30', { zone: PARIS }),
    }
    const result = plan({
      startsOn: '2026-09-07',
      endsOn: '2026-09-30',
      notBefore,
      busy: [kept],
      modules: [{ id: 1, title: 'Numérique', plannedHours: 14, doneHours: 7, location: 'centre' }],
    })
    assert.deepEqual(
      result.sessions.map((session) => session.startsAt.setZone(PARIS).toFormat('dd HH:mm')),
      ['08 13:30', '09 13:30']
    )
    assert.deepEqual(result.modules[0], {
      moduleId: 1,
      title: 'Numérique',
      plannedMinutes: 840,
      doneMinutes: 420,
      newMinutes: 420,
      scheduledMinutes: 840,
    })
  })
})

test.group('Schedule generator: refusals', () => {
  test('a period too short for the hours', ({ assert }) => {
    const error = refusal(() =>
      planSchedule({
        startsOn: '2026-09-07',
        endsOn: '2026-09-18',
        pattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
        modules: [
          { id: 1, title: 'Numérique', plannedHours: 21, location: 'centre' },
          { id: 2, title: 'Stage', plannedHours: 33, location: 'company' },
        ],
      })
    )
    assert.equal(error.code, 'not_enough_time')
    assert.equal(error.missingMinutes, 24 * 60)
    assert.equal(
      error.message,
      'Il manque 24 h : la période se termine avant la fin du module Stage.'
    )
  })

  test('a pattern without any slot', ({ assert }) => {
    const error = refusal(() => plan({ startsOn: '2026-09-07', endsOn: '2026-12-18', pattern: [] }))
    assert.equal(error.code, 'no_slot')
    assert.equal(error.field, 'pattern')
    assert.include(error.message, 'aucun créneau')
  })

  test('a slot that ends before it starts', ({ assert }) => {
    const error = refusal(() =>
      plan({
        startsOn: '2026-09-07',
        endsOn: '2026-12-18',
        pattern: [{ weekday: 1, start: '13:30', end: '12:00', row: 3 }],
      })
    )
    assert.equal(error.code, 'slot_order')
    assert.equal(error.field, 'pattern.3.end')
    assert.include(error.message, 'Le créneau du lundi finit avant de commencer (13:30 – 12:00)')
  })

  test('two slots of a day that overlap', ({ assert }) => {
    const error = refusal(() =>
      plan({
        startsOn: '2026-09-07',
        endsOn: '2026-12-18',
        pattern: [
          { weekday: 2, start: '09:00', end: '12:30', row: 0 },
          { weekday: 2, start: '12:00', end: '14:00', row: 1 },
        ],
      })
    )
    assert.equal(error.code, 'slot_overlap')
    assert.equal(error.field, 'pattern.1.start')
    assert.include(error.message, 'mardi')
  })

  test('a period made only of holidays and closures', ({ assert }) => {
    const ascension = refusal(() =>
      plan({
        startsOn: '2026-05-14',
        endsOn: '2026-05-14',
        modules: [{ id: 1, title: 'Numérique', plannedHours: 3, location: 'centre' }],
      })
    )
    assert.equal(ascension.code, 'holidays_only')
    assert.include(ascension.message, 'que des jours fériés')

    const closed = refusal(() =>
      plan({
        startsOn: '2026-05-11',
        endsOn: '2026-05-15',
        closures: [{ from: '2026-05-11', to: '2026-05-13' }],
        pattern: [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 4, start: '09:00', end: '12:00' },
        ],
        modules: [{ id: 1, title: 'Numérique', plannedHours: 3, location: 'centre' }],
      })
    )
    assert.equal(closed.code, 'holidays_only')
  })

  test('a closure that ends before it starts, a period the wrong way round', ({ assert }) => {
    const closure = refusal(() =>
      plan({
        startsOn: '2026-09-07',
        endsOn: '2026-12-18',
        closures: [{ from: '2026-10-30', to: '2026-10-19', row: 1 }],
      })
    )
    assert.equal(closure.code, 'bad_closure')
    assert.equal(closure.field, 'closures.1.to')

    const period = refusal(() => plan({ startsOn: '2026-12-18', endsOn: '2026-09-07' }))
    assert.equal(period.code, 'bad_period')
  })

  test('a curriculum without hours', ({ assert }) => {
    const error = refusal(() => plan({ startsOn: '2026-09-07', endsOn: '2026-12-18', modules: [] }))
    assert.equal(error.code, 'no_module')
  })
})
