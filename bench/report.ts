/**
 * One line of the `npm run bench` table: a figure, the floor it is
 * measured against in the same run, and the target it must meet.
 *
 *   section  Export | Pages | Queries | Aggregates | Weight
 *   measure  what was measured ("trainee planning", "cohort of 200"…)
 *   value    the figure, formatted with its unit ("812 req/s, p99 41 ms")
 *   floor    the floor's figure, formatted ("1 930 req/s, p99 12 ms"), or "—"
 *   ratio    value against floor, formatted ("0.42×", "1.12×"), or "—"
 *   target   the target, in words ("≥ 0.40×", "≤ 250 MB", "equal")
 *   ok       whether the target is met
 */
export type BenchRow = {
  section: 'Export' | 'Pages' | 'Queries' | 'Aggregates' | 'Weight'
  measure: string
  value: string
  floor: string
  ratio: string
  target: string
  /** null: shown for information, no target. */
  ok: boolean | null
}

/**
 * The rows as one aligned plain-text table (what is printed and written
 * under tmp/).
 */
export function formatTable(rows: BenchRow[]): string {
  const header = ['section', 'measure', 'value', 'floor', 'ratio', 'target', 'met']
  const lines = rows.map((row) => [
    row.section,
    row.measure,
    row.value,
    row.floor,
    row.ratio,
    row.target,
    row.ok === null ? '—' : row.ok ? 'yes' : 'NO',
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length))
  )
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd()
  return [
    format(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...lines.map(format),
  ].join('\n')
}
