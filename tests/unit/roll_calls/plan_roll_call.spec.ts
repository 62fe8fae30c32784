import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { planRollCall, type RollCallContext } from '#actions/roll_calls/plan_roll_call'
import type { RollCallRecord, RollCallRow } from '#actions/roll_calls/roll_call_rows'

const now = DateTime.fromISO('2026-03-02T09:20:00Z')

function row(id: number, name: string, record: Partial<RollCallRecord> | null = null): RollCallRow {
  return {
    key: `e${id}`,
    enrollmentId: id,
    name,
    userId: null,
    record: record
      ? {
          id: 100 + id,
          status: 'present',
          minutesMissed: 0,
          signedAt: null,
          signatureMethod: null,
          signatureDevice: null,
          signatureIp: null,
          announcedAt: null,
          ...record,
        }
      : null,
  }
}

const context = (extra: Partial<RollCallContext> = {}): RollCallContext => ({
  durationMinutes: 210,
  canRecordPaper: false,
  signsAsTrainer: true,
  isOver: false,
  now,
  ...extra,
})

test.group('planRollCall: what a save does, line by line', () => {
  test('mine = current: nothing; current = seen: mine; mine = seen: theirs; else a conflict', ({
    assert,
  }) => {
    const rows = [
      row(1, 'Awa Diallo', { status: 'present' }),
      row(2, 'Bilal Martin', { status: 'late', minutesMissed: 15 }),
      row(3, 'Chloé Petit', { status: 'absent' }),
      row(4, 'Dina Roux', { status: 'absent' }),
    ]
    const plan = planRollCall(
      rows,
      {
        allPresent: false,
        rows: {
          // Same as recorded now: nothing to write.
          e1: { status: 'present', seen: 'none' },
          // Someone set late 15 meanwhile; this person did not touch the line.
          e2: { status: 'present', seen: 'present:0:0' },
          // Nobody else touched it: written.
          e3: { status: 'present', seen: 'absent:0:0' },
          // Both changed it, differently: a conflict.
          e4: { status: 'late', minutes: '5', seen: 'present:0:0' },
        },
      },
      context()
    )
    assert.deepEqual(
      plan.writes.map((entry) => entry.row.key),
      ['e3']
    )
    assert.deepEqual(
      plan.merged.map((entry) => entry.key),
      ['e2']
    )
    assert.deepEqual(
      plan.conflicts.map((entry) => entry.name),
      ['Dina Roux']
    )
  })

  test('the trainer signs the lines they confirm; a self-signature and a paper one are kept', ({
    assert,
  }) => {
    const signed = now.minus({ minutes: 18 })
    const rows = [
      row(1, 'Awa Diallo'),
      row(2, 'Bilal Martin', {
        status: 'present',
        signedAt: signed,
        signatureMethod: 'trainee_phone',
        signatureIp: '10.0.0.2',
      }),
      row(3, 'Chloé Petit', { status: 'present', signedAt: signed, signatureMethod: 'paper' }),
    ]
    const plan = planRollCall(
      rows,
      {
        allPresent: false,
        rows: {
          e1: { status: 'present', seen: 'none' },
          e2: { status: 'late', minutes: '12', seen: 'present:0:0' },
          e3: { status: 'late', minutes: '3', seen: 'present:0:1' },
        },
      },
      context()
    )
    const [awa, bilal, chloe] = plan.writes
    assert.equal(awa.signatureMethod, 'trainer')
    assert.equal(+awa.signedAt!, +now)
    assert.equal(bilal.signatureMethod, 'trainee_phone')
    assert.equal(bilal.signatureIp, '10.0.0.2')
    assert.equal(+bilal.signedAt!, +signed)
    assert.equal(chloe.signatureMethod, 'paper', 'a trainer cannot untick paper')
    assert.equal(+chloe.signedAt!, +signed)
  })

  test('after the end, changing a record needs a reason; creating one does not', ({ assert }) => {
    const rows = [row(1, 'Awa Diallo', { status: 'present' }), row(2, 'Bilal Martin')]
    const creating = planRollCall(
      rows,
      { allPresent: false, rows: { e2: { status: 'absent', seen: 'none' } } },
      context({ isOver: true })
    )
    assert.deepEqual(creating.errors, {})
    const correcting = planRollCall(
      rows,
      { allPresent: false, rows: { e1: { status: 'absent', seen: 'present:0:0' } } },
      context({ isOver: true })
    )
    assert.property(correcting.errors, 'reason')
    const withReason = planRollCall(
      rows,
      {
        allPresent: false,
        reason: 'Feuille vérifiée',
        rows: { e1: { status: 'absent', seen: 'present:0:0' } },
      },
      context({ isOver: true })
    )
    assert.deepEqual(withReason.errors, {})
    assert.lengthOf(withReason.writes, 1)
  })

  test('a forged seen value or an unknown line refuses the whole form', ({ assert }) => {
    const rows = [row(1, 'Awa Diallo')]
    assert.isNotNull(
      planRollCall(
        rows,
        { allPresent: false, rows: { e1: { status: 'present', seen: 'whatever' } } },
        context()
      ).formError
    )
    assert.isNotNull(
      planRollCall(
        rows,
        {
          allPresent: false,
          rows: { e1: { status: 'present', seen: 'none' }, e9: { seen: 'none' } },
        },
        context()
      ).formError
    )
  })
})
