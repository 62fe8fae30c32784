import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { compactHtml } from '#services/compact_html'

/**
 * Sends HTML pages without the templates' indentation (see
 * app/services/compact_html.ts). Pages served from the page cache are
 * already compact (they are sent as bytes).
 */
export default class CompactHtmlMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    const body = ctx.response.getBody()
    if (typeof body !== 'string' || !/^\s*</.test(body)) return
    const type = ctx.response.getHeader('content-type')
    if (type !== undefined && !String(type).includes('text/html')) return
    ctx.response.send(compactHtml(body))
  }
}
