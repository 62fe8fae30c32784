import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import pageCache from '#services/page_cache'

/**
 * Serves a repeat view of the page from the page cache (see
 * app/services/page_cache.ts), or makes it and keeps it. After `auth` and
 * `role`: the page is kept per person, so nobody is served a page made for
 * someone else, and the controller's own checks ran when it was made.
 *
 * The data a page shows must belong to the signed-in person's
 * organisation, or, with `cohortParam`, to the organisation of the cohort
 * named by that route parameter (a funder's view of a cohort), plus the
 * shared data (funders). Do not put it on a page that writes (it would
 * not run again) or shows the audit trail (not versioned).
 */
export default class PageCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { cohortParam?: string } = {}) {
    const user = ctx.auth.user
    if (!pageCache.enabled || ctx.request.method() !== 'GET' || !user) return next()
    if (!ctx.session.flashMessages.isEmpty) return next()

    let versions: string
    if (options.cohortParam) {
      const cohortId = Number(ctx.params[options.cohortParam])
      if (!Number.isSafeInteger(cohortId)) return next()
      versions = await pageCache.versions({ cohortId })
    } else {
      if (!user.organizationId) return next()
      versions =
        pageCache.versionsReadWith(user) ??
        (await pageCache.versions({ organizationId: user.organizationId }))
    }

    const key = pageCache.key({
      url: ctx.request.url(true),
      user,
      locale: ctx.i18n.locale,
      versions,
    })
    const csrfToken: string | undefined = ctx.request.csrfToken
    const kept = pageCache.get(key, csrfToken)
    if (kept !== undefined) {
      ctx.response.header('content-type', 'text/html; charset=utf-8')
      ctx.response.send(kept)
      return
    }

    // A page whose making writes to the session is never kept: served
    // from memory, that write would not happen.
    const sessionBefore = JSON.stringify(ctx.session.all())
    await next()

    const body = ctx.response.getBody()
    if (
      ctx.response.getStatus() === 200 &&
      typeof body === 'string' &&
      ctx.response.hasContent &&
      ctx.session.flashMessages.isEmpty &&
      ctx.session.responseFlashMessages.isEmpty &&
      JSON.stringify(ctx.session.all()) === sessionBefore
    ) {
      pageCache.set(key, body, csrfToken)
    }
  }
}
