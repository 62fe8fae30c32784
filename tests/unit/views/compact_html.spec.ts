import { test } from '@japa/runner'
import { compactHtml } from '#services/compact_html'

test.group('Compact HTML', () => {
  test('drops the indentation and empty lines, keeps a line break where one was', ({ assert }) => {
    const page = '<ul>\n    <li>\n      Lundi\n    </li>\n\n\n    <li>Mardi</li>\n</ul>\n'
    assert.equal(compactHtml(page), '<ul>\n<li>\nLundi\n</li>\n<li>Mardi</li>\n</ul>\n')
  })

  test('keeps what a person typed in a text area, and preformatted text, as is', ({ assert }) => {
    const typed = '<textarea name="note">Ligne 1\n    en retrait\n\nfin</textarea>'
    const code = '<PRE class="x">  a\n    b</PRE >'
    const page = `<form>\n  ${typed}\n  <p>\n    ok\n  </p>\n  ${code}\n</form>`
    assert.equal(compactHtml(page), `<form>\n${typed}\n<p>\nok\n</p>\n${code}\n</form>`)
  })

  test('a page without indentation is unchanged', ({ assert }) => {
    const page = '<p>Déjà <strong>compacte</strong></p>'
    assert.equal(compactHtml(page), page)
  })
})
