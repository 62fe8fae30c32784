import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { MAX_ROW_ID } from '#validators/ids'

/**
 * Guards what a browser sends before any controller reads it:
 *  - NUL characters are removed from form fields, the query string and
 *    URL parameters: no person types one, and PostgreSQL refuses them in
 *    text (a harmless form would become a server error);
 *  - a numeric URL parameter beyond the largest row id answers 404, as an
 *    unknown id does, instead of failing in the database.
 */
export default class InputGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    if (hasNul(request.body())) request.updateBody(clean(request.body()) as Record<string, any>)
    if (hasNul(request.qs())) request.updateQs(clean(request.qs()) as Record<string, any>)
    for (const [key, value] of Object.entries(ctx.params ?? {})) {
      if (typeof value === 'string' && value.includes('\u0000')) ctx.params[key] = clean(value)
      // Parameters with the `number` matcher arrive as numbers.
      if (typeof value === 'number' && value > MAX_ROW_ID) {
        throw new Exception('Unknown id', { status: 404, code: 'E_ROW_NOT_FOUND' })
      }
    }
    return next()
  }
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(hasNul)
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, child]) => key.includes('\u0000') || hasNul(child))
  }
  return false
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '')
  if (Array.isArray(value)) return value.map(clean)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key.replaceAll('\u0000', ''), clean(child)])
    )
  }
  return value
}
