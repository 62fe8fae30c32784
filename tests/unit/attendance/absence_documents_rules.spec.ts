import { test } from '@japa/runner'
import { reasonsFromFunderLists, withCurrentReason } from '#actions/absences/absence_reasons'
import { DEFAULT_ABSENCE_REASONS } from '#enums/absence_reason'
import { detectProofKind } from '#services/absence_proofs'
import { fileSlug, pdfSafe } from '#exports/pdf_document'

test.group('Absence reasons of a cohort', () => {
  test('the defaults when no funder has a list', ({ assert }) => {
    const reasons = reasonsFromFunderLists([null, []])
    assert.deepEqual(
      reasons.map((reason) => reason.value),
      [...DEFAULT_ABSENCE_REASONS]
    )
    assert.equal(reasons[0].label, 'Maladie (avec certificat ou arrêt médical)')
  })

  test('the funders’ lists, each reason once, a reason in words shown as written', ({ assert }) => {
    const reasons = reasonsFromFunderLists([
      ['illness', 'sick_child'],
      null,
      ['sick_child', ' Convocation au tribunal '],
    ])
    assert.deepEqual(reasons, [
      { value: 'illness', label: 'Maladie (avec certificat ou arrêt médical)' },
      { value: 'sick_child', label: 'Enfant malade' },
      { value: 'Convocation au tribunal', label: 'Convocation au tribunal' },
    ])
  })

  test('a record’s reason missing from the list is kept in its form', ({ assert }) => {
    const options = reasonsFromFunderLists([['illness']])
    assert.lengthOf(withCurrentReason(options, 'illness'), 1)
    assert.deepEqual(withCurrentReason(options, 'transport').at(-1), {
      value: 'transport',
      label: 'Grève des transports',
    })
  })
})

test.group('Proof files and PDF text', () => {
  test('a proof is recognised by its first bytes', ({ assert }) => {
    assert.equal(detectProofKind(new TextEncoder().encode('%PDF-1.7\n'))?.ext, 'pdf')
    assert.equal(detectProofKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.ext, 'jpg')
    assert.equal(
      detectProofKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.ext,
      'png'
    )
    assert.isNull(detectProofKind(new TextEncoder().encode('MZ\x90\x00')))
    assert.isNull(detectProofKind(new TextEncoder().encode('%PD')))
  })

  test('PDF text keeps French letters and replaces what the font cannot draw', ({ assert }) => {
    assert.equal(
      pdfSafe('Émargement : à, ç, œ, « ok » – l’été'),
      'Émargement : à, ç, œ, « ok » – l’été'
    )
    assert.equal(pdfSafe('1\u202f234 h ≥ 2 ✓ 😀'), '1 234 h >= 2 x ?')
    assert.equal(fileSlug('Promotion Été 2026 / Rouen'), 'promotion-ete-2026-rouen')
  })
})
