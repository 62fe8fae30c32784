import type { HttpContext } from '@adonisjs/core/http'

/**
 * A refused form: the message on its field with the form filled in again
 * (the form kit shows it and the error summary links to it), or at the
 * top of the page when no field is to blame.
 */
export function refuse(session: HttpContext['session'], field: string | null, message: string) {
  session.flashAll()
  if (field) session.flash('inputErrorsBag', { [field]: [message] })
  else session.flash('error', message)
}
