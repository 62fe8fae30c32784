import router from '@adonisjs/core/services/router'
import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright'
import { formatViolations, WCAG_TAGS } from '#tests/helpers/axe'
import type { Actor, MatrixEntry } from '#tests/functional/authorization/expectations'
import { MATRIX, registeredRoutes } from '#tests/functional/authorization/matrix_entries'
import type { Side } from '#tests/helpers/world'

/**
 * The whole-site accessibility audit: every GET route that answers an HTML
 * page, visited in Chromium by every actor the authorization matrix lets
 * in ('ok'), and checked with axe (WCAG 2.0/2.1 A and AA, as
 * tests/helpers/axe.ts does).
 *
 * The page list is not written by hand: it comes from the router and from
 * the authorization matrix (tests/functional/authorization/matrix_entries.ts). A GET route the
 * audit can neither visit nor explain (a download, a redirect, a page
 * audited elsewhere with a real token) fails the suite.
 */

/**
 * Paths that answer a file, not a page.
 */
export const DOWNLOAD = /\.(pdf|xlsx|csv|zip|ics|json)$/

/**
 * GET routes the matrix cannot open (an id or token nobody owns) and which
 * are not HTML pages of the application: why each is left out.
 */
export const NOT_PAGES: Record<string, string> = {
  'exports.progress': 'JSON progress of an export run',
  'exports.download': 'the file of an export run',
  'dev.mails.show': 'development mail preview (not served in production)',
  'dev.mails.html': 'an email body, not a page of the application',
}

/**
 * Pages whose matrix entry only reaches a 404 (a token or id no one has):
 * pages.spec.ts opens them with real fixtures instead.
 */
export const AUDITED_WITH_FIXTURES = [
  'apply.create',
  'apply.thanks',
  'follow_ups.self_report.show',
  'tutor_evaluation.show',
  'exports.show',
]

export type GetRoute = { name: string; pattern: string }

export function getRoutes(): GetRoute[] {
  return registeredRoutes()
    .filter((route) => route.method === 'GET')
    .map(({ name, pattern }) => ({ name, pattern }))
}

export type Plan = {
  /** route name → actors that get 'ok' */
  pages: { route: GetRoute; entry: MatrixEntry; actors: Actor[] }[]
  downloads: string[]
  redirects: string[]
  /** GET routes the audit cannot place: the suite fails on any */
  unexplained: string[]
}

/**
 * Sorts every GET route into: a page to audit (with its actors), a
 * download, a route that only redirects, a page audited with fixtures,
 * a documented non-page; anything else is unexplained.
 */
export async function planAudit(): Promise<Plan> {
  const matrix = MATRIX
  const plan: Plan = { pages: [], downloads: [], redirects: [], unexplained: [] }
  for (const route of getRoutes()) {
    const entry = matrix[route.name]
    if (!entry) {
      plan.unexplained.push(`${route.name} ${route.pattern}: no entry in the authorization matrix`)
      continue
    }
    if (DOWNLOAD.test(route.pattern)) {
      plan.downloads.push(route.name)
      continue
    }
    const outcomes = Object.entries(entry.expect) as [Actor, string][]
    const actors = outcomes.filter(([, outcome]) => outcome === 'ok').map(([actor]) => actor)
    if (actors.length > 0) {
      plan.pages.push({ route, entry, actors })
    } else if (outcomes.some(([, outcome]) => outcome === 'redirect')) {
      plan.redirects.push(route.name)
    } else if (!AUDITED_WITH_FIXTURES.includes(route.name) && !(route.name in NOT_PAGES)) {
      plan.unexplained.push(
        `${route.name} ${route.pattern}: no actor gets a page in the matrix; audit it with fixtures (AUDITED_WITH_FIXTURES) or say why it is not a page (NOT_PAGES)`
      )
    }
  }
  return plan
}

/**
 * Vite's development client (live reload) is not part of the pages people
 * get: the audit does not load it, which saves a module graph and a
 * websocket per page.
 */
export async function withoutDevClient(context: BrowserContext) {
  await context.route('**/@vite/client', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: '' })
  )
}

/**
 * Signs in through the login form in this context; the context keeps the
 * session cookie for every page visited afterwards.
 */
export async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto('/connexion')
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(email)
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('password-123')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
  return page
}

export type AuditResult = { audited: string[]; skipped: string[]; failures: string[] }

/**
 * Opens one URL in the page and runs axe; a problem is added to
 * `result.failures` (never thrown) so one run lists them all. A response
 * that is not HTML (a file sent without an extension in its path) is
 * recorded as skipped.
 */
export async function auditUrl(page: Page, url: string, label: string, result: AuditResult) {
  let response
  try {
    response = await page.goto(url)
  } catch (error) {
    // A file sent with Content-Disposition: attachment starts a download.
    if (error instanceof Error && error.message.includes('Download is starting')) {
      result.skipped.push(`${label} (download)`)
      return
    }
    throw error
  }
  if (response?.status() !== 200) {
    result.failures.push(`${label}: GET ${url} answered ${response?.status()}, expected 200`)
    return
  }
  const type = (await response.headerValue('content-type')) ?? ''
  if (!type.startsWith('text/html')) {
    result.skipped.push(`${label} (${type})`)
    return
  }
  await auditOpenPage(page, label, result)
}

/**
 * Runs axe on the page as it is now.
 */
export async function auditOpenPage(page: Page, label: string, result: AuditResult) {
  // The same rules as tests/helpers/axe.ts, run faster: axe.run in the page
  // itself (legacy mode: the pages have no cross-origin frames, so no blank
  // page to merge frame results in), and only violations collected.
  // (options() first: it replaces the options withTags sets.)
  const axe = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
    .setLegacyMode()
    .analyze()
  if (axe.violations.length > 0) {
    result.failures.push(`${label}: ${formatViolations(page.url(), axe.violations)}`)
  }
  result.audited.push(label)
}

/**
 * Audits every page of the plan the actor may see, on the given side of
 * the world, in the signed-in page.
 */
export async function auditActor(page: Page, plan: Plan, actor: Actor, side: Side) {
  const result: AuditResult = { audited: [], skipped: [], failures: [] }
  for (const { route, entry, actors } of plan.pages) {
    if (!actors.includes(actor)) continue
    const url = router.makeUrl(route.name, entry.params?.(side) ?? {})
    await auditUrl(page, url, `${route.name} as ${actor}`, result)
  }
  return result
}
