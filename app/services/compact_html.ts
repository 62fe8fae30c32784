/**
 * The page without the template's indentation: every line's leading
 * spaces and tabs, and empty lines, go (about a third of a long table's
 * bytes, on the cheap phones trainees use). A line break stays where one
 * was, so the page reads the same: browsers collapse white space between
 * words and tags, and `white-space: pre-line` keeps line breaks only.
 * The content of `pre`, `textarea`, `script` and `style` is left as is.
 */
export function compactHtml(html: string) {
  let compact = ''
  let from = 0
  for (const kept of html.matchAll(KEPT_AS_IS)) {
    compact += stripIndentation(html.slice(from, kept.index)) + kept[0]
    from = kept.index + kept[0].length
  }
  return compact + stripIndentation(html.slice(from))
}

const KEPT_AS_IS = /<(pre|textarea|script|style)\b[\s\S]*?<\/\1\s*>/gi

function stripIndentation(text: string) {
  return text.replace(/\n[ \t\r\n]+/g, '\n')
}
