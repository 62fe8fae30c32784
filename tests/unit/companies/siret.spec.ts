import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { errors } from '@vinejs/vine'
import { INVALID_SIRET_MESSAGE, isValidSiret, normalizeSiret, siretRule } from '#validators/siret'

const validator = vine.compile(vine.object({ siret: vine.string().use(siretRule()) }))

test.group('SIRET checks', () => {
  test('accepts a SIRET whose Luhn key is right: {$self}')
    .with(['73282932000074', '73254872000018', '44201955600012', '35600000000048'])
    .run(({ assert }, siret) => {
      assert.isTrue(isValidSiret(siret))
    })

  test('refuses a wrong key, a wrong length or letters: {$self}')
    .with(['73282932000075', '7328293200007', '732829320000744', '7328293200007A', '', '  '])
    .run(({ assert }, siret) => {
      assert.isFalse(isValidSiret(siret))
    })

  test('La Poste establishments follow the sum-of-digits rule', ({ assert }) => {
    // 3+5+6+4+9+8+3+7 = 45: a multiple of 5, though the Luhn key is wrong.
    assert.isTrue(isValidSiret('35600000049837'))
    // 46: refused under both rules.
    assert.isFalse(isValidSiret('35600000049838'))
    // The rule is La Poste's only: a sum of 45 under another SIREN is refused.
    assert.isFalse(isValidSiret('35600100049836'))
  })

  test('spaces typed in the number are ignored', ({ assert }) => {
    assert.equal(normalizeSiret(' 732 829 320 00074 '), '73282932000074')
    assert.equal(normalizeSiret('732\u00a0829\u00a0320\u00a000074'), '73282932000074')
    assert.isNull(normalizeSiret('   '))
    assert.isTrue(isValidSiret('732 829 320 00074'))
  })

  test('the VineJS rule keeps the digits and says "Numéro SIRET invalide"', async ({ assert }) => {
    const valid = await validator.validate({ siret: '732 829 320 00074' })
    assert.equal(valid.siret, '73282932000074')

    try {
      await validator.validate({ siret: '732 829 320 00075' })
      assert.fail('a wrong key must be refused')
    } catch (error) {
      assert.instanceOf(error, errors.E_VALIDATION_ERROR)
      assert.equal(error.messages[0].message, INVALID_SIRET_MESSAGE)
      assert.match(error.messages[0].message, /^Numéro SIRET invalide/)
    }
  })
})
