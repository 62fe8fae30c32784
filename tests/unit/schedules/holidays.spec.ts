import { test } from '@japa/runner'
import { holidayStateFor, holidaysBetween, publicHolidays } from '#services/holidays'

test.group('Public holidays by department', () => {
  test('the national days of 2026 and 2027, movable ones included', ({ assert }) => {
    const days2026 = publicHolidays('76', 2026)
    assert.equal(days2026.get('2026-04-06'), 'Lundi de Pâques')
    assert.equal(days2026.get('2026-05-14'), 'Ascension')
    assert.equal(days2026.get('2026-05-25'), 'Lundi de Pentecôte')
    assert.isTrue(days2026.has('2026-01-01'))
    assert.isTrue(days2026.has('2026-07-14'))
    assert.isTrue(days2026.has('2026-11-11'))
    assert.lengthOf([...days2026.keys()], 11)

    const days2027 = publicHolidays('76', 2027)
    assert.equal(days2027.get('2027-03-29'), 'Lundi de Pâques')
    assert.equal(days2027.get('2027-05-06'), 'Ascension')
    assert.equal(days2027.get('2027-05-17'), 'Lundi de Pentecôte')
  })

  test('Alsace-Moselle adds Good Friday and 26 December', ({ assert }) => {
    for (const department of ['57', '67', '68']) {
      const days = publicHolidays(department, 2026)
      assert.equal(days.get('2026-04-03'), 'Vendredi saint', department)
      assert.equal(days.get('2026-12-26'), 'Lendemain de Noël', department)
    }
    const normandy = publicHolidays('76', 2026)
    assert.isFalse(normandy.has('2026-04-03'))
    assert.isFalse(normandy.has('2026-12-26'))
  })

  test('overseas departments add the abolition of slavery day', ({ assert }) => {
    const abolition: Record<string, string> = {
      '971': '2026-05-27',
      '972': '2026-05-22',
      '973': '2026-06-10',
      '974': '2026-12-20',
      '976': '2026-04-27',
    }
    for (const [department, date] of Object.entries(abolition)) {
      assert.equal(
        publicHolidays(department, 2026).get(date),
        'Abolition de l’esclavage',
        department
      )
    }
    assert.isFalse(publicHolidays('75', 2026).has('2026-05-27'))
  })

  test('only public days: observances do not count', ({ assert }) => {
    const names = [...publicHolidays('75', 2026).values()]
    assert.notInclude(names, 'Fête des Mères')
    assert.notInclude(names, 'Saint-Valentin')
  })

  test('departments map to date-holidays states; others get the national days', ({ assert }) => {
    assert.equal(holidayStateFor('67'), '67')
    assert.equal(holidayStateFor('971'), 'GP')
    assert.equal(holidayStateFor('976'), 'YT')
    assert.isNull(holidayStateFor('2A'))
    assert.isNull(holidayStateFor('76'))
    assert.isNull(holidayStateFor(null))
  })

  test('a period across two years, both ends included', ({ assert }) => {
    const days = holidaysBetween('67', '2026-12-25', '2027-01-01')
    assert.deepEqual([...days.keys()], ['2026-12-25', '2026-12-26', '2027-01-01'])
  })

  test('results are cached per department and year', ({ assert }) => {
    assert.strictEqual(publicHolidays('67', 2026), publicHolidays('67', 2026))
  })
})
