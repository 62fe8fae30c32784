import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import ExportRun from '#models/export_run'
import { ACTORS } from '#tests/functional/authorization/expectations'
import { buildWorld } from '#tests/helpers/world'
import { exitEnrollment, sentFollowUp } from '#tests/functional/follow_ups/fixtures'
import { openRecruiting } from '#tests/functional/apply/helpers'
import {
  endedInternship,
  linkMailedTo,
  sendRequest,
} from '#tests/functional/evaluations/evaluation_helpers'
import {
  AUDITED_WITH_FIXTURES,
  auditActor,
  auditOpenPage,
  auditUrl,
  planAudit,
  signIn,
  withoutDevClient,
  type AuditResult,
} from '#tests/browser/a11y/audit'

/**
 * Every page × every role that can see it, through axe (see audit.ts).
 * One browser context per role, signed in once.
 */
const audited = new Set<string>()
const pagesAudited = new Set<string>()

test.group('Accessibility of every page, as every role that can see it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear(['memory']))
  group.teardown(() => {
    if (audited.size > 0) {
      console.log(
        `  a11y: ${pagesAudited.size} pages, ${audited.size} page × role visits audited with axe (WCAG 2.1 A/AA), 0 violations expected`
      )
    }
  })

  test('every GET route is an audited page, a download, a redirect or explained', async ({
    assert,
  }) => {
    const plan = await planAudit()
    console.log(
      `  a11y: ${plan.pages.length} page routes to audit, ${plan.downloads.length} downloads and ${plan.redirects.length} redirect-only routes left out`
    )
    assert.deepEqual(plan.unexplained, [], 'GET routes the audit cannot visit')
    assert.isAbove(plan.pages.length, 50)
    assert.isNotEmpty(plan.downloads)
  })

  for (const actor of ACTORS) {
    test(`every page ${actor} can see passes axe`, async ({ browserContext, assert }) => {
      const plan = await planAudit()
      // With the peers: the matrix opens the funder's export run with them.
      const world = await buildWorld({ peers: true })
      await withoutDevClient(browserContext)
      const page =
        actor === 'guest'
          ? await browserContext.newPage()
          : await signIn(browserContext, world.own.users[actor].email)
      const result = await auditActor(page, plan, actor, world.own)
      for (const label of result.audited) {
        audited.add(label)
        pagesAudited.add(label.split(' as ')[0])
      }
      assert.deepEqual(result.failures, [], `${actor}: pages with problems`)
      assert.isNotEmpty(result.audited)
    }).timeout(600_000)
  }

  test('pages reached only through a real link or id and the error pages pass axe', async ({
    browserContext,
    assert,
  }) => {
    const world = await buildWorld()
    const result: AuditResult = { audited: [], skipped: [], failures: [] }
    await withoutDevClient(browserContext)
    const page = await browserContext.newPage()

    // The public 404 page, and a tutor's evaluation form from the emailed link.
    await page.goto('/page-qui-n-existe-pas').then((response) => {
      assert.equal(response?.status(), 404)
    })
    await auditOpenPage(page, 'the 404 page', result)

    const { internship, email } = await endedInternship(world.own, 3)
    await sendRequest(world.own, internship)
    await auditUrl(page, await linkMailedTo(email), 'tutor_evaluation.show as guest', result)

    // The application form of a recruiting cohort, and its thanks page.
    const cohort = await openRecruiting(world.own)
    await auditUrl(page, `/candidater/${cohort.id}`, 'apply.create as guest', result)
    await auditUrl(page, `/candidater/${cohort.id}/merci`, 'apply.thanks as guest', result)

    // A former trainee's self-report link.
    const followUps = await exitEnrollment(world.other)
    const token = await sentFollowUp(followUps.m3)
    await auditUrl(page, `/ma-situation/${token}`, 'follow_ups.self_report.show as guest', result)

    // A coordinator's export run, then a page the trainee may not see (403).
    const run = await ExportRun.create({
      organizationId: world.own.organization.id,
      funderId: world.own.funder.id,
      requestedById: world.own.users.coordinator.id,
      kind: 'outcomes',
      filters: { from: '2025-01-01', to: '2025-12-31' },
      status: 'queued',
      progress: 0,
    })
    const coordinator = await signIn(browserContext, world.own.users.coordinator.email)
    await auditUrl(coordinator, `/exports/${run.id}`, 'exports.show as coordinator', result)

    await browserContext.clearCookies()
    const trainee = await signIn(browserContext, world.own.users.trainee.email)
    const forbidden = await trainee.goto('/coordination')
    assert.equal(forbidden?.status(), 403)
    await auditOpenPage(trainee, 'the 403 page', result)

    for (const label of result.audited) {
      audited.add(label)
      pagesAudited.add(label.split(' as ')[0])
    }
    assert.deepEqual(result.failures, [])
    assert.lengthOf(
      result.audited.filter((label) =>
        AUDITED_WITH_FIXTURES.some((name) => label.startsWith(name))
      ),
      AUDITED_WITH_FIXTURES.length
    )
  }).timeout(300_000)
})
