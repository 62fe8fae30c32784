import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CheckCurriculumHours from '#actions/programmes/check_curriculum_hours'
import MarkProgrammeReady from '#actions/programmes/mark_programme_ready'
import { ProgrammeFactory } from '#database/factories/programme_factory'
import { ProgrammeModuleFactory } from '#database/factories/programme_module_factory'

async function draftWithModules(hours: number[]) {
  const programme = await ProgrammeFactory.apply('draft').create()
  for (const plannedHours of hours) {
    await ProgrammeModuleFactory.merge({
      programmeId: programme.id,
      organizationId: programme.organizationId,
      plannedHours,
    }).create()
  }
  return programme
}

const check = (totalHours: number, hours: (number | string)[]) =>
  new CheckCurriculumHours().handle({
    totalHours,
    modules: hours.map((plannedHours) => ({ plannedHours })),
  })

test.group('CheckCurriculumHours (the modules’ hours add up to the total)', () => {
  test('hours that add up', ({ assert }) => {
    const balance = check(400, [140, 70, 35, 14, 105, 36])
    assert.isTrue(balance.addsUp)
    assert.equal(balance.planned, 400)
    assert.equal(balance.difference, 0)
    assert.equal(balance.summary, 'Total des modules : 400 h sur 400 h — le compte est bon')
  })

  test('missing hours', ({ assert }) => {
    const balance = check(400, [200, 180])
    assert.isFalse(balance.addsUp)
    assert.equal(balance.difference, -20)
    assert.equal(balance.summary, 'Total des modules : 380 h sur 400 h — il manque 20 h')
  })

  test('too many hours, with decimals written the French way', ({ assert }) => {
    const balance = check(400, [200, 217.5])
    assert.isFalse(balance.addsUp)
    assert.equal(balance.difference, 17.5)
    assert.equal(balance.summary, 'Total des modules : 417,5 h sur 400 h — 17,5 h de trop')
  })

  test('decimals are compared exactly (0.1 + 0.2 is 0.3), strings from PostgreSQL included', ({
    assert,
  }) => {
    assert.isTrue(check(1, [0.1, 0.2, '0.70']).addsUp)
    assert.isTrue(check(400, [133.33, 133.33, 133.34]).addsUp)
    assert.isFalse(check(400, [133.33, 133.33, 133.33]).addsUp)
    assert.equal(
      check(400, [133.33, 133.33, 133.33]).summary,
      'Total des modules : 399,99 h sur 400 h — il manque 0,01 h'
    )
  })

  test('no modules at all', ({ assert }) => {
    const balance = check(400, [])
    assert.isFalse(balance.addsUp)
    assert.equal(balance.summary, 'Total des modules : 0 h sur 400 h — il manque 400 h')
  })
})

test.group('MarkProgrammeReady', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('marks ready a draft whose modules add up', async ({ assert }) => {
    const programme = await draftWithModules([200, 140, 60])
    const result = await new MarkProgrammeReady().handle({ programme })
    assert.isTrue(result.ready)
    await programme.refresh()
    assert.equal(programme.status, 'ready')
  })

  test('leaves a draft whose modules do not add up in draft, saying why', async ({ assert }) => {
    const programme = await draftWithModules([182, 182])
    const result = await new MarkProgrammeReady().handle({ programme })
    assert.isFalse(result.ready)
    assert.include(!result.ready ? result.reason : '', 'il manque 36 h')
    await programme.refresh()
    assert.equal(programme.status, 'draft')
  })
})
