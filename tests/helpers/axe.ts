import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright'

/**
 * Accessibility checks for the browser suite.
 *
 * Every browser test calls `assertAccessible(page)` on every page it visits
 * (or visits through `visitAccessible`). The page is checked with axe-core
 * against WCAG 2.0 and 2.1, levels A and AA (what the RGAA builds on).
 */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]

/**
 * One readable block per violated rule: rule id, impact, what it asks
 * for, and the selector of each offending element.
 */
export function formatViolations(url: string, violations: AxeViolation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`]
  for (const violation of violations) {
    lines.push('')
    lines.push(`- [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}`)
    lines.push(`  ${violation.helpUrl}`)
    for (const node of violation.nodes) {
      const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part))
      lines.push(`    at ${target.join(' ')}`)
      if (node.failureSummary) {
        for (const summary of node.failureSummary.split('\n')) {
          lines.push(`       ${summary.trim()}`)
        }
      }
    }
  }
  return lines.join('\n')
}

/**
 * Run axe on the page as it is now; throw with the list of violations
 * when there is any.
 */
export async function assertAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  if (results.violations.length > 0) {
    const error = new Error(formatViolations(page.url(), results.violations))
    error.name = 'AccessibilityError'
    throw error
  }
}

/**
 * `visit` a URL, check the HTTP status it answered with (200 unless told
 * otherwise), then run axe on it. Returns the page.
 *
 *   const page = await visitAccessible(visit, '/accessibilite')
 */
export async function visitAccessible(
  visit: (url: string) => Promise<Page>,
  url: string,
  options: { status?: number } = {}
): Promise<Page> {
  const expected = options.status ?? 200
  const page = await visit(url)
  await page.waitForLoadState('load')
  // Evaluated in the browser (PerformanceNavigationTiming.responseStatus).
  const status = await page.evaluate<number | undefined>(
    `performance.getEntriesByType('navigation')[0]?.responseStatus`
  )
  if (status !== expected) {
    throw new Error(`GET ${url} answered ${status}, expected ${expected}`)
  }
  await assertAccessible(page)
  return page
}
